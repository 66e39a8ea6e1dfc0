// Error codes of the presentation area. Each entry: HTTP status and OAuth `error` value.
export const PRESENTATION_CODES = {
} as const
