// Error codes of the wallet area. Each entry: HTTP status and OAuth `error` value.
export const WALLET_CODES = {
} as const
