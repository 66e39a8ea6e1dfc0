// Display metadata of the PID credential for OpenID4VCI `credential_metadata` (OpenID4VCI 1.0 Appendix B.2).
import type { ClaimMetadata, DisplayEntry } from '../oid4vci/index.ts'

/** Credential display names and card colours (white on dark blue: contrast 11:1). */
export const PID_DISPLAY: DisplayEntry[] = [
  { name: 'Personal identity credential', locale: 'en', description: 'Issued by the ID authority', background_color: '#12355b', text_color: '#ffffff' },
  { name: '居民身份凭证', locale: 'zh-CN', description: '由身份证件签发机关签发', background_color: '#12355b', text_color: '#ffffff' },
]

const NAMES: [string, string, string][] = [
  ['given_name', 'Given name', '名'],
  ['family_name', 'Family name', '姓'],
  ['birthdate', 'Date of birth', '出生日期'],
  ['birth_year', 'Year of birth', '出生年份'],
  ['sex', 'Sex', '性别'],
  ['nationality', 'Nationality', '国籍'],
  ['age_over_14', 'Aged 14 or over', '已满14周岁'],
  ['age_over_16', 'Aged 16 or over', '已满16周岁'],
  ['age_over_18', 'Aged 18 or over', '已满18周岁'],
  ['age_over_21', 'Aged 21 or over', '已满21周岁'],
  ['age_over_60', 'Aged 60 or over', '已满60周岁'],
  ['age_over_65', 'Aged 65 or over', '已满65周岁'],
  ['national_id', 'National ID number', '公民身份号码'],
]

const NESTED: [(string | number | null)[], string, string][] = [
  [['address'], 'Address', '地址'],
  [['address', 'province'], 'Province', '省'],
  [['address', 'city'], 'City', '市'],
  [['address', 'street'], 'Street', '街道'],
  [['region'], 'Region of registration', '户籍地区'],
  [['region', 'code'], 'Province code', '省级代码'],
  [['region', 'name'], 'Province name', '省级名称'],
]

/** Claim metadata: one entry per claims path with English and Chinese display names. */
export const PID_CLAIMS_METADATA: ClaimMetadata[] = [
  ...NAMES.map(([name, en, zh]) => ({ path: [name], display: display(en, zh) })),
  ...NESTED.map(([path, en, zh]) => ({ path, display: display(en, zh) })),
]

function display(en: string, zh: string): DisplayEntry[] {
  return [
    { name: en, locale: 'en' },
    { name: zh, locale: 'zh-CN' },
  ]
}
