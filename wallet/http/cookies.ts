// The wallet's cookies: reading the Cookie header (RFC 6265 §5.4) and writing its own cookies.
import type { Request, Response } from 'express'

export const SESSION_COOKIE = 'wallet_session'
export const LANG_COOKIE = 'wallet_lang'
export const TZ_COOKIE = 'wallet_tz'

/** The value of cookie `name`, or undefined (a malformed or oversized header counts as none). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.get('cookie')
  if (header === undefined || header.length > 8192) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim()
      if (!/^[A-Za-z0-9_\-./+%]{1,128}$/.test(value)) return undefined
      try {
        return decodeURIComponent(value)
      } catch {
        return undefined
      }
    }
  }
  return undefined
}

/** The session cookie: HttpOnly, SameSite=Strict (never sent on another site's request), path /, no Max-Age (browser session). */
export function setSessionCookie(res: Response, id: string): void {
  res.cookie(SESSION_COOKIE, id, { httpOnly: true, sameSite: 'strict', path: '/' })
}

export function clearSessionCookie(res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/' })
}

/** The remembered language (a year; it holds no secret). */
export function setLangCookie(res: Response, locale: string): void {
  res.cookie(LANG_COOKIE, locale, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 365 * 24 * 3600 * 1000 })
}
