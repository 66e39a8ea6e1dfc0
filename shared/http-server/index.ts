// Public surface of shared/http-server: how a service listens, reports readiness, stops, and runs several workers.
export { healthRoutes } from './health.ts'
export type { ReadinessCheck } from './health.ts'
export { openPort } from './listen.ts'
export type { OpenPort } from './listen.ts'
export { runWorkers, serveWorkers, workerCount } from './workers.ts'
export type { BuiltApp } from './workers.ts'
export { graceFromEnv, serveApp } from './serve.ts'
export type { ServeOptions, ServiceLogger } from './serve.ts'
