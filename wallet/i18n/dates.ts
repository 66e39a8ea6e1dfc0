// Dates and times for people: in their language and time zone (China Standard Time unless the browser says otherwise).
import type { Locale } from './locale.ts'

const intlLocale = (locale: Locale): string => (locale === 'zh-CN' ? 'zh-CN' : 'en-GB')

/** An instant (epoch seconds) as a date and time in `timeZone`, naming the zone. */
export function formatDateTime(epochSeconds: number, locale: Locale, timeZone: string): string {
  const date = new Date(epochSeconds * 1000)
  const opts: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }
  if (locale === 'zh-CN') {
    const zone = timeZone === 'Asia/Shanghai' ? '北京时间' : timeZoneName(date, locale, timeZone)
    return `${new Intl.DateTimeFormat('zh-CN', opts).format(date)}（${zone}）`
  }
  const zone = timeZone === 'Asia/Shanghai' ? 'China Standard Time' : timeZoneName(date, locale, timeZone)
  return `${new Intl.DateTimeFormat('en-GB', opts).format(date)} (${zone})`
}

/** An instant as a calendar date in `timeZone`. */
export function formatDay(epochSeconds: number, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone }).format(new Date(epochSeconds * 1000))
}

/** A calendar date `YYYY-MM-DD` (a birthdate: no time zone applies); other strings unchanged. */
export function formatCalendarDate(value: string, locale: Locale): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return value
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`))
}

function timeZoneName(date: Date, locale: Locale, timeZone: string): string {
  const parts = new Intl.DateTimeFormat(intlLocale(locale), { timeZone, timeZoneName: 'short' }).formatToParts(date)
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone
}
