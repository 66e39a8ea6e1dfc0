import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default is one worker less than the cores: on the 2-core CI machine one file at a time (613 s). Most
    // files wait on servers and child processes; two at a time ran the suite in 362 s, every test passing.
    maxWorkers: 2,
  },
})
