// Claims for people: the issuer's display names (OpenID4VCI Appendix B.2, locale by locale) as labels, and values
// rendered as a person reads them (性别 男/女, 是/否, a region's name, dates), never raw claim keys or JSON.
import { PROVINCES } from '../../shared/cnid/index.ts'
import type { ClaimsPath, IssuerDisplay } from '../core/index.ts'
import { formatCalendarDate } from './dates.ts'
import type { Locale } from './locale.ts'
import { pickDisplay } from './locale.ts'
import { translate } from './messages.ts'

type ConfigDisplay = IssuerDisplay['configurations'][string]

/** The display metadata of the configuration a credential came from (by id, else by vct). */
export function configurationDisplay(display: IssuerDisplay | undefined, configId: string | undefined, vct: string): ConfigDisplay | undefined {
  if (display === undefined) return undefined
  const byId = configId !== undefined && Object.hasOwn(display.configurations, configId) ? display.configurations[configId] : undefined
  return byId ?? Object.values(display.configurations).find((c) => c.vct === vct)
}

export const samePath = (a: ClaimsPath, b: ClaimsPath): boolean => a.length === b.length && a.every((s, i) => s === b[i])

/** A list as a person writes it (、 in Chinese). */
export const joinLabels = (labels: string[], locale: Locale): string => labels.join(locale === 'zh-CN' ? '、' : ', ')

/** A claim's label: the issuer's name for it in `locale`; for a nested claim without one, its parent's; else the key made readable. */
export function claimLabel(config: ConfigDisplay | undefined, path: ClaimsPath, locale: Locale): string {
  const own = pickDisplay(config?.claims.find((c) => samePath(c.path, path))?.display, locale)?.name
  if (own !== undefined) {
    if (path.length > 1) {
      const parent = claimLabel(config, path.slice(0, -1), locale)
      return locale === 'zh-CN' ? `${parent} · ${own}` : `${parent}: ${own}`
    }
    return own
  }
  const last = [...path].reverse().find((s): s is string => typeof s === 'string') ?? ''
  const words = last.replace(/[_-]+/g, ' ').trim()
  return words.length === 0 ? '—' : words[0]?.toUpperCase() + words.slice(1)
}

/** The name of a credential type in `locale` (the issuer's display name; never its `vct` identifier). */
export function credentialName(config: ConfigDisplay | undefined, locale: Locale): string {
  return pickDisplay(config?.display, locale)?.name ?? (locale === 'zh-CN' ? '证件' : 'Credential')
}

/** The issuer's name in `locale`, else its host name. */
export function issuerName(display: IssuerDisplay | undefined, issuer: string, locale: Locale): string {
  const name = pickDisplay(display?.display, locale)?.name
  if (name !== undefined) return name
  return URL.canParse(issuer) ? new URL(issuer).host : issuer
}

/** The ID number with all but its first three and last four characters hidden. */
export function maskId(id: string): string {
  if (id.length <= 7) return '*'.repeat(id.length)
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`
}

/** Claims whose value is an identifying number, masked unless the person asked to see it. */
export const MASKED_CLAIMS = new Set(['national_id'])

const SEX_KEYS = { 0: 'value.sexUnknown', 1: 'value.male', 2: 'value.female', 9: 'value.sexNA' } as const

/** A claim value as text a person reads. */
export function formatClaimValue(path: ClaimsPath, value: unknown, locale: Locale, opts: { reveal?: boolean } = {}): string {
  const key = [...path].reverse().find((s): s is string => typeof s === 'string')
  if (typeof value === 'boolean') return translate(locale, value ? 'value.yes' : 'value.no')
  if (key === 'sex' && typeof value === 'number' && Object.hasOwn(SEX_KEYS, value)) return translate(locale, SEX_KEYS[value as keyof typeof SEX_KEYS])
  if (key !== undefined && MASKED_CLAIMS.has(key) && typeof value === 'string') return opts.reveal ? value : maskId(value)
  if (key === 'nationality' && typeof value === 'string' && /^[A-Z]{2}$/.test(value)) return regionName(value, locale)
  if (key === 'birthdate' && typeof value === 'string') return formatCalendarDate(value, locale)
  if (key === 'region') return provinceName(value, locale)
  if (key === 'name' && path[0] === 'region') return provinceName({ name: value }, locale)
  if (key === 'address' && typeof value === 'object' && value !== null && !Array.isArray(value)) return addressText(value as Record<string, unknown>, locale)
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) return joinLabels(value.map((v) => formatClaimValue(path, v, locale, opts)), locale)
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .map(([k, v]) => formatClaimValue([...path, k], v, locale, opts))
      .join(locale === 'zh-CN' ? '，' : ', ')
  }
  return '—'
}

function regionName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code
  } catch {
    return code
  }
}

/** A province (GB/T 2260) by code or Chinese name: its Chinese name, or its English one. */
function provinceName(value: unknown, locale: Locale): string {
  const v = (typeof value === 'object' && value !== null ? value : {}) as { code?: unknown; name?: unknown }
  const province =
    (typeof v.code === 'string' && Object.hasOwn(PROVINCES, v.code) ? PROVINCES[v.code] : undefined) ??
    Object.values(PROVINCES).find((p) => p.name === v.name)
  if (province !== undefined) return locale === 'zh-CN' ? province.name : province.nameEn
  return typeof v.name === 'string' ? v.name : typeof value === 'string' ? value : '—'
}

function addressText(a: Record<string, unknown>, locale: Locale): string {
  const part = (k: string): string | undefined => (typeof a[k] === 'string' ? (a[k] as string) : undefined)
  if (locale === 'zh-CN') return [part('province'), part('city'), part('street')].filter((p) => p !== undefined).join('')
  return [part('street'), part('city'), part('province')].filter((p) => p !== undefined).join(', ')
}
