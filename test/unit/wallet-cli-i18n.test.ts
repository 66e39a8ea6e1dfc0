// The wallet CLI for people who read Chinese or English: the consent question of `present` and `wallet history` use the
// issuer's names for the claims (as the wallet page does) and values as a person reads them, in zh-CN or en by --lang
// or LC_ALL/LANG; never the raw claim keys.
import { describe, expect, it } from 'vitest'
import { PID_CLAIMS_METADATA, PID_DISPLAY } from '../../shared/pid/index.ts'
import { cliLocale, consentLines, historyLines, presentResultLine } from '../../wallet/cli-text.ts'
import type { ConsentRequest, HistoryEntry } from '../../wallet/core/index.ts'
import { issuerDisplayFrom } from '../../wallet/core/issuer-display.ts'

const ISSUER = 'https://issuer.example'
const VCT = 'urn:eid:pid:1'
const displays = {
  [ISSUER]: issuerDisplayFrom({
    credential_issuer: ISSUER,
    display: [{ name: 'ID Authority', locale: 'en' }, { name: '身份证件签发机关', locale: 'zh-CN' }],
    credential_configurations_supported: { pid_sd_jwt: { format: 'dc+sd-jwt', vct: VCT, credential_metadata: { display: PID_DISPLAY, claims: PID_CLAIMS_METADATA } } },
  }),
}

const consent: ConsentRequest = {
  serviceName: 'Harbour Bank',
  purpose: 'Customer identification',
  clientId: 'x509_hash:abc',
  responseOrigin: 'https://bank.example',
  registeredClaims: [['age_over_18'], ['sex'], ['national_id']],
  credentials: [{ credentialQueryId: 'pid', vct: VCT, issuer: ISSUER, claims: [{ path: ['age_over_18'], value: true }, { path: ['sex'], value: 2 }, { path: ['national_id'], value: '11010519491231002X' }], pseudonym: true }],
}

const history: HistoryEntry[] = [
  { at: 1_800_000_000, clientId: 'x509_hash:abc', serviceName: 'Wine Shop', purpose: 'Adults only', responseOrigin: 'https://shop.example', outcome: 'sent', disclosures: [{ credentialQueryId: 'pid', credentialId: 'c1', vct: VCT, claims: [['age_over_18']] }] },
  { at: 1_800_000_060, clientId: 'x509_hash:abc', serviceName: 'Wine Shop', purpose: 'Adults only', responseOrigin: 'https://shop.example', outcome: 'declined', disclosures: [] },
  { at: 1_800_000_120, clientId: 'x509_hash:def', serviceName: 'Data Broker', purpose: 'Marketing', responseOrigin: 'https://broker.example', outcome: 'refused', disclosures: [], refusal: { code: 'claim_not_registered', requested: [['national_id']] } },
  { at: 1_800_000_180, clientId: 'x509_hash:ghi', serviceName: '', purpose: '', responseOrigin: 'https://x.example', outcome: 'refused', disclosures: [], refusal: { code: 'x5c_untrusted' } },
]

const RAW_KEYS = /age_over_18|national_id|\bsex\b/

describe('wallet CLI consent question', () => {
  const expected = {
    'zh-CN': [
      'Harbour Bank 请求您的信息\n',
      '\n  用途：Customer identification\n',
      '登记机构允许 Harbour Bank 请求：已满18周岁、性别、公民身份号码。本次请求在此范围之内。',
      '\n    - 已满18周岁：是\n    - 性别：女\n    - 公民身份号码：110***********002X\n',
      '\n    - 仅用于 Harbour Bank 的假名',
      '来自您的居民身份凭证，签发机关：身份证件签发机关。',
      '\n  服务标识：x509_hash:abc\n  回复发送至：https://bank.example',
    ],
    en: [
      'Harbour Bank asks for your data\n',
      '\n  Purpose: Customer identification\n',
      'The registrar allows Harbour Bank to ask for: Aged 18 or over, Sex, National ID number. This request stays within that.',
      '\n    - Aged 18 or over: Yes\n    - Sex: Female\n    - National ID number: 110***********002X\n',
      '\n    - A pseudonym for Harbour Bank only',
      'From your Personal identity credential, issued by ID Authority.',
      '\n  Service identifier: x509_hash:abc\n  Answer goes to: https://bank.example',
    ],
  } as const
  it.each(['zh-CN', 'en'] as const)('%s: claim names and values in that language, the ID number masked, the pseudonym named', (locale) => {
    const text = consentLines(consent, displays, locale).join('\n')
    for (const part of expected[locale]) expect(text).toContain(part)
    expect(text).not.toMatch(RAW_KEYS)
    expect(text).not.toContain('11010519491231002X')
  })

  it('what was sent, and a decline, in both languages', () => {
    const sent = { outcome: 'sent' as const, serviceName: 'Wine Shop', clientId: 'x509_hash:abc', disclosed: [{ credentialQueryId: 'pid', credentialId: 'c1', vct: VCT, claims: [['age_over_18'], ['sex']] }] }
    expect(presentResultLine(sent, displays, 'zh-CN')).toBe('已发送给 Wine Shop：已满18周岁、性别。')
    expect(presentResultLine(sent, displays, 'en')).toBe('Sent to Wine Shop: Aged 18 or over, Sex.')
    const declined = { ...sent, outcome: 'declined' as const, disclosed: [] }
    expect(presentResultLine(declined, displays, 'en')).toBe('Wine Shop was told you declined. Nothing was disclosed.')
    expect(presentResultLine(declined, displays, 'zh-CN')).toBe('已告知 Wine Shop 您拒绝了请求。没有发送任何信息。')
  })
})

describe('wallet history (CLI)', () => {
  it('zh-CN: outcomes, dates, claim names and why a request was refused, in Chinese', () => {
    const lines = historyLines(history, displays, 'zh-CN')
    const text = lines.join('\n')
    expect(lines[0]).toMatch(/^2027年1月15日.* {2}已发送 {2}Wine Shop \(x509_hash:abc\)$/)
    expect(text).toContain('\n    用途：Adults only\n    已发送：已满18周岁\n')
    expect(text).toMatch(/ {2}已拒绝 {2}Wine Shop/)
    expect(text).toContain('\n    请求内容：公民身份号码\n    阻止原因：该服务请求了登记机构不允许其请求的信息。钱包已阻止此请求，没有发送任何信息。 (claim_not_registered)')
    expect(text).toMatch(/ {2}已阻止 {2}未知服务 \(x509_hash:ghi\)\n {4}阻止原因：该服务无法证明已在本钱包信任的登记机构登记/)
    expect(text.replace(/\((claim_not_registered|x5c_untrusted)\)/g, '')).not.toMatch(RAW_KEYS)
  })

  it('en: the same in English', () => {
    const text = historyLines(history, displays, 'en').join('\n')
    expect(text).toMatch(/^15 January 2027 at .* {2}Sent {2}Wine Shop \(x509_hash:abc\)\n {4}Purpose: Adults only\n {4}Sent: Aged 18 or over\n/)
    expect(text).toContain('\n    Asked for: National ID number\n    Why refused: The service asked for data the registrar does not allow it to ask for.')
    expect(text).toMatch(/ {2}Refused {2}Unknown service \(x509_hash:ghi\)/)
    expect(historyLines([], displays, 'zh-CN')).toEqual(['暂无记录。'])
    expect(historyLines([], displays, 'en')).toEqual(['Nothing yet.'])
  })

  it('the language: --lang, else zh-CN when LC_ALL (or LANG) is Chinese, else English', () => {
    expect(cliLocale(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh-CN')
    expect(cliLocale(undefined, { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en')
    expect(cliLocale('en', { LANG: 'zh_CN.UTF-8' })).toBe('en')
    expect(cliLocale(undefined, {})).toBe('en')
  })
})
