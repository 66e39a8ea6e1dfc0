// Error codes of the bbs area. Each entry: HTTP status and OAuth `error` value.
export const BBS_CODES = {
} as const
