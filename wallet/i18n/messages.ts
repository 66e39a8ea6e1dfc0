// Looks up a page text in the person's language and fills in its values.
import { EN } from './en.ts'
import type { MessageKey } from './en.ts'
import type { Locale } from './locale.ts'
import { ZH_CN } from './zh-CN.ts'

const TABLES: Record<Locale, Record<MessageKey, string>> = { en: EN, 'zh-CN': ZH_CN }

/** The text `key` in `locale` with `{name}` placeholders replaced by `values` (plain text: the page escapes it). */
export function translate(locale: Locale, key: MessageKey, values: Record<string, string | number> = {}): string {
  return TABLES[locale][key].replace(/\{(\w+)\}/g, (m, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : m))
}

export type { MessageKey }
