// Error codes of the sdjwt area. Each entry: HTTP status and OAuth `error` value.
export const SDJWT_CODES = {
} as const
