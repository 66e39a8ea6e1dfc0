// ESLint flat config: typescript-eslint recommended rules plus the layering rules of STYLE.md.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', 'wallet/web/static/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Protocol modules: no HTTP framework and no database driver (STYLE.md §2).
    files: ['shared/**/*.ts'],
    ignores: ['shared/store/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['express', 'better-sqlite3', 'pg', 'pino'] }],
    },
  },
  {
    // Services import shared/, never each other.
    files: ['issuer/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/wallet/**', '**/verifier/**'] }] },
  },
  {
    files: ['verifier/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/wallet/**', '**/issuer/**'] }] },
  },
  {
    // Examples are services of their own: they talk to ours over HTTP and import nothing from the repository.
    files: ['examples/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/wallet/**', '**/issuer/**', '**/verifier/**', '**/shared/**', '**/scripts/**'] }] },
  },
  {
    files: ['wallet/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/issuer/**', '**/verifier/**'] }] },
  },
)
