// Shape checks shared by the blind and pseudonym public interfaces (the same rules as the core BBS interface).
export { checkMessages, optionalBytes } from '../inputs.ts'
export { resolveSuite } from '../suite-option.ts'
