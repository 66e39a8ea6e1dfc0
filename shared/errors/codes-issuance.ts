// Error codes of the issuance area. Each entry: HTTP status and OAuth `error` value.
export const ISSUANCE_CODES = {
} as const
