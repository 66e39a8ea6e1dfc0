// The media type of a Content-Type header (RFC 9110 §8.3.1): type/subtype, lower case, without parameters.

/** `application/JSON; charset=utf-8` becomes `application/json`; an absent header gives ''. */
export function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}
