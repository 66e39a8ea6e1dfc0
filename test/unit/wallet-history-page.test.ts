// The history page renders sent, declined and refused entries in the person's language: the service, what was asked,
// what was sent or why it was refused (labels from the issuer's display metadata, never raw claim keys).
import { describe, expect, it } from 'vitest'
import { PID_CLAIMS_METADATA, PID_DISPLAY, PID_VCT } from '../../shared/pid/index.ts'
import type { HistoryEntry } from '../../wallet/core/index.ts'
import { issuerDisplayFrom } from '../../wallet/core/issuer-display.ts'
import type { View } from '../../wallet/http/view.ts'
import { translate } from '../../wallet/i18n/messages.ts'
import type { Locale } from '../../wallet/i18n/locale.ts'
import { historyPage } from '../../wallet/pages/history.ts'

const displays = {
  'https://issuer.example': issuerDisplayFrom({ credential_configurations_supported: { pid_sd_jwt: { vct: PID_VCT, credential_metadata: { display: PID_DISPLAY, claims: PID_CLAIMS_METADATA } } } }),
}
const view = (locale: Locale): View => ({ locale, timeZone: 'Asia/Shanghai', returnTo: '/history', csrf: 'token', t: (k, v) => translate(locale, k, v) })
const base = { clientId: 'x509_hash:abc', purpose: 'Sells wine only to adults', responseOrigin: 'https://shop.example' }
const entries = [
  { ...base, at: 1_800_000_000, serviceName: 'Wine Shop', outcome: 'sent', disclosures: [{ credentialQueryId: 'pid', credentialId: 'c1', vct: PID_VCT, claims: [['age_over_18']] }] },
  { ...base, at: 1_800_000_060, serviceName: 'Wine Shop', outcome: 'declined', disclosures: [] },
  { ...base, at: 1_800_000_120, serviceName: 'Wine Shop', outcome: 'refused', disclosures: [], refusal: { code: 'claim_not_registered', requested: [['age_over_18'], ['national_id']] } },
  { ...base, at: 1_800_000_180, serviceName: '', purpose: '', outcome: 'refused', disclosures: [], refusal: { code: 'registration_certificate_missing' } },
] as unknown as HistoryEntry[]

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

describe('history page', () => {
  it('zh-CN: outcomes, what was sent, why refused and what was asked, in Chinese labels', () => {
    const t = text(historyPage(view('zh-CN'), entries, displays))
    for (const s of ['已发送', '已拒绝', '已阻止', '已满18周岁', '公民身份号码', '该服务请求了登记机构不允许其请求的信息', '未知服务', '2027年1月15日 16:00（北京时间）', '导出为 JSON']) expect(t, s).toContain(s)
    expect(t).not.toContain('national_id')
    expect(t).not.toContain('age_over_18')
    // newest first
    expect(t.indexOf('未知服务')).toBeLessThan(t.indexOf('Wine Shop'))
  })

  it('en: the same in English', () => {
    const t = text(historyPage(view('en'), entries, displays))
    for (const s of ['Sent', 'Declined', 'Refused', 'Aged 18 or over', 'National ID number', 'the registrar does not allow it to ask for', 'Unknown service', '(China Standard Time)']) expect(t, s).toContain(s)
    expect(t).not.toContain('urn:')
  })
})
