// Test support for the verifier: fixtures for tests and benchmarks (registrar, relying party, local issuer, harness).
export { createTestRegistrar, createTestRelyingParty } from './relying-party.ts'
export type { TestRegistrar, TestRelyingParty } from './relying-party.ts'
export { startTestIssuer, SAMPLE_PID_CLAIMS } from './test-issuer.ts'
export type { TestIssuer } from './test-issuer.ts'
export { startVerifierHarness } from './harness.ts'
export type { VerifierHarness } from './harness.ts'
