// The person's language and time zone for the wallet pages: a remembered choice (cookie), else Accept-Language.

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]

/** Time zone for a person who has not told the page theirs (China Standard Time: the people of this wallet live in China). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'

/** `zh-CN` or `en` from a remembered choice, else the first supported language of `Accept-Language` (RFC 9110 §12.5.4), else zh-CN. */
export function pickLocale(remembered: string | undefined, acceptLanguage: string | undefined): Locale {
  if (remembered === 'en' || remembered === 'zh-CN') return remembered
  const ranges = (acceptLanguage ?? '')
    .slice(0, 512)
    .split(',')
    .slice(0, 32)
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), i }
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
  for (const { tag } of ranges) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN'
    if (tag === 'en' || tag.startsWith('en-')) return 'en'
  }
  return 'zh-CN'
}

/** An IANA time zone the runtime knows (the page's script reports the browser's), else the default. */
export function pickTimeZone(reported: string | undefined): string {
  if (reported === undefined || reported.length > 64 || !/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){0,2}$/.test(reported)) return DEFAULT_TIME_ZONE
  try {
    new Intl.DateTimeFormat('en', { timeZone: reported })
    return reported
  } catch {
    return DEFAULT_TIME_ZONE
  }
}

/** Picks the display entry for `locale` from an OpenID4VCI `display` array: exact, same language, English, first. */
export function pickDisplay<T extends { locale?: string | undefined }>(entries: readonly T[] | undefined, locale: Locale): T | undefined {
  if (entries === undefined || entries.length === 0) return undefined
  const lang = locale.split('-')[0]
  return (
    entries.find((e) => e.locale === locale) ??
    entries.find((e) => e.locale?.toLowerCase().split('-')[0] === lang) ??
    entries.find((e) => e.locale === undefined || e.locale.startsWith('en')) ??
    entries[0]
  )
}
