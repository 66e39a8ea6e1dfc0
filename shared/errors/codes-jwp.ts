// Error codes of the jwp area. Each entry: HTTP status and OAuth `error` value.
export const JWP_CODES = {
} as const
