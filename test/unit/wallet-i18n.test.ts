// The wallet pages' language and display rules: Accept-Language and the remembered choice, the issuer's display
// names by locale, values for people (性别 男/女, 是/否, region, dates), the masked ID number, and the display
// metadata kept from issuer metadata (malformed entries and remote logos dropped).
import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../../shared/errors/index.ts'
import { PID_CLAIMS_METADATA, PID_DISPLAY } from '../../shared/pid/index.ts'
import { issuerDisplayFrom } from '../../wallet/core/issuer-display.ts'
import { claimLabel, credentialName, formatClaimValue, issuerName, maskId } from '../../wallet/i18n/claims.ts'
import { formatDateTime } from '../../wallet/i18n/dates.ts'
import { EXPLANATIONS, explainCode } from '../../wallet/i18n/errors.ts'
import { EN } from '../../wallet/i18n/en.ts'
import { pickLocale, pickTimeZone } from '../../wallet/i18n/locale.ts'
import { ZH_CN } from '../../wallet/i18n/zh-CN.ts'

const metadata = {
  credential_issuer: 'https://issuer.example',
  display: [{ name: 'ID Authority', locale: 'en' }, { name: '身份证件签发机关', locale: 'zh-CN' }, { locale: 'fr' }],
  credential_configurations_supported: {
    pid_sd_jwt: { format: 'dc+sd-jwt', vct: 'urn:eid:pid:1', credential_metadata: { display: PID_DISPLAY, claims: PID_CLAIMS_METADATA } },
    other: { format: 'dc+sd-jwt', vct: 'urn:x', credential_metadata: { display: [{ name: 'X', logo: { uri: 'https://tracker.example/logo.png' }, background_color: 'red;x:y' }], claims: [{ path: [] }] } },
  },
}

describe('wallet i18n', () => {
  it('picks the language: the remembered choice, else Accept-Language by q, else zh-CN', () => {
    expect(pickLocale(undefined, 'zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN')
    expect(pickLocale(undefined, 'en-GB,en;q=0.9')).toBe('en')
    expect(pickLocale(undefined, 'fr;q=1, en;q=0.5, zh;q=0.7')).toBe('zh-CN')
    expect(pickLocale(undefined, 'zh-TW;q=0, en')).toBe('en')
    expect(pickLocale('en', 'zh-CN')).toBe('en')
    expect(pickLocale('de', undefined)).toBe('zh-CN')
    expect(pickLocale(undefined, `${'x,'.repeat(5000)}en`)).toBe('zh-CN')
  })

  it('time zone: a known IANA zone from the browser, else China Standard Time', () => {
    expect(pickTimeZone('Europe/Berlin')).toBe('Europe/Berlin')
    for (const bad of [undefined, 'Mars/Olympus', '../etc', 'a'.repeat(100)]) expect(pickTimeZone(bad)).toBe('Asia/Shanghai')
    expect(formatDateTime(1_800_000_000, 'zh-CN', 'Asia/Shanghai')).toBe('2027年1月15日 16:00（北京时间）')
    expect(formatDateTime(1_800_000_000, 'en', 'Asia/Shanghai')).toBe('15 January 2027 at 16:00 (China Standard Time)')
  })

  it('every text exists in both languages with the same placeholders', () => {
    expect(Object.keys(ZH_CN).sort()).toEqual(Object.keys(EN).sort())
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const [k, v] of Object.entries(EN)) expect(holes(ZH_CN[k as keyof typeof EN]), k).toEqual(holes(v))
    expect(explainCode('claim_not_registered', 'zh-CN')).toContain('登记机构')
    expect(explainCode('something_new', 'en')).toContain('Nothing was sent')
  })

  it('every explanation names codes that exist (a renamed code would silently fall back)', () => {
    for (const [pattern] of EXPLANATIONS) expect(Object.keys(ERROR_CODES).some((c) => pattern.test(c)), String(pattern)).toBe(true)
    expect(explainCode('issuer_untrusted', 'en')).toContain('does not trust')
    // a spent batch under once-only is explained as such, not as "no credential"
    expect(explainCode('no_unlinkable_credential', 'en')).toContain('never shows a copy twice')
    expect(explainCode('no_unlinkable_credential', 'zh-CN')).toContain('不会重复出示')
    expect(explainCode('no_matching_credential', 'en')).toContain('no credential that can answer')
  })

  it('labels from the issuer display metadata, locale by locale; values for people', () => {
    const d = issuerDisplayFrom(metadata)
    const config = d.configurations.pid_sd_jwt
    expect(credentialName(config, 'zh-CN')).toBe('居民身份凭证')
    expect(credentialName(config, 'en')).toBe('Personal identity credential')
    expect(issuerName(d, 'https://issuer.example', 'zh-CN')).toBe('身份证件签发机关')
    expect(claimLabel(config, ['age_over_18'], 'zh-CN')).toBe('已满18周岁')
    expect(claimLabel(config, ['address', 'city'], 'en')).toBe('Address: City')
    expect(claimLabel(undefined, ['age_over_18'], 'en')).toBe('Age over 18')
    expect(formatClaimValue(['sex'], 2, 'zh-CN')).toBe('女')
    expect(formatClaimValue(['sex'], 1, 'en')).toBe('Male')
    expect(formatClaimValue(['age_over_18'], true, 'zh-CN')).toBe('是')
    expect(formatClaimValue(['age_over_65'], false, 'en')).toBe('No')
    expect(formatClaimValue(['region'], { code: '44', name: '广东省' }, 'en')).toBe('Guangdong')
    expect(formatClaimValue(['region'], { code: '44', name: '广东省' }, 'zh-CN')).toBe('广东省')
    expect(formatClaimValue(['nationality'], 'CN', 'zh-CN')).toBe('中国')
    expect(formatClaimValue(['birthdate'], '1990-01-02', 'zh-CN')).toBe('1990年1月2日')
    expect(formatClaimValue(['address'], { province: '广东省', city: '广州市', street: '中山路1号' }, 'zh-CN')).toBe('广东省广州市中山路1号')
    expect(formatClaimValue(['national_id'], '11010519491231002X', 'zh-CN')).toBe('110***********002X')
    expect(formatClaimValue(['national_id'], '11010519491231002X', 'zh-CN', { reveal: true })).toBe('11010519491231002X')
    expect(maskId('123')).toBe('***')
  })

  it('keeps colours only as hex and logos only inline: a remote logo is dropped (showing a card contacts nobody)', () => {
    const d = issuerDisplayFrom(metadata)
    expect(d.display.map((e) => e.name)).toEqual(['ID Authority', '身份证件签发机关'])
    expect(d.configurations.pid_sd_jwt?.display[0]?.background_color).toBe('#12355b')
    expect(d.configurations.other?.display).toEqual([{ name: 'X' }])
    expect(d.configurations.other?.claims).toEqual([])
    expect(issuerDisplayFrom(null)).toEqual({ display: [], configurations: {} })
    expect(issuerDisplayFrom({ display: 'x', credential_configurations_supported: [1, { vct: 7 }] })).toEqual({ display: [], configurations: { 1: { display: [], claims: [] } } })
  })
})
