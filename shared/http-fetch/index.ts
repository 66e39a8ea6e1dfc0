// Public surface of shared/http-fetch: one bounded outbound HTTP request for every service.
export { fetchBounded } from './fetch-bounded.ts'
export { createBoundedFetcher } from './fetcher.ts'
export type { BoundedFetcher, FetchRequest, FetcherBounds } from './fetcher.ts'
export { mediaType } from './media-type.ts'
export type { BoundedFetchOptions, BoundedResponse, FetchCheck } from './options.ts'
