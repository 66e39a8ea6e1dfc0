// Error codes of the status area. Each entry: HTTP status and OAuth `error` value.
export const STATUS_CODES = {
} as const
