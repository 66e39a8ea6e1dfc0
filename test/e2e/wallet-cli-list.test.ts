// `wallet list` and `accept` for people (issue 16): one entry per batch with its unused copies, the issuer's labels in
// zh-CN or English (--lang, else LC_ALL/LANG), values for people, the ID number masked; --json still every copy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatDay } from '../../wallet/i18n/dates.ts'
import { pickTimeZone } from '../../wallet/i18n/locale.ts'
import { runCli as run, startCliTestbed } from './wallet-cli-run.ts'
import type { CliTestbed } from './wallet-cli-run.ts'
import { PERSON } from './wallet-fixtures.ts'

let t: CliTestbed
let issuer: CliTestbed['issuer']
let verifier: CliTestbed['verifier']
let shop: CliTestbed['shop']
let until: { en: string; zh: string }

beforeAll(async () => {
  t = await startCliTestbed({ display: true }, { name: 'Wine Shop', allowedClaims: [['age_over_18']] })
  ;({ issuer, verifier, shop } = t)
  process.env.LANG = 'zh_CN.UTF-8'
  delete process.env.LC_ALL
})

afterAll(() => t.close())

const host = (): string => new URL(issuer.url).host
const zhEntry = (unused: number, shown: string, total = 10): string =>
  [
    `- 居民身份凭证 (SD-JWT)  [有效]  未使用副本 ${unused} / 共 ${total} 份，有效期至 ${until.zh}`,
    `    签发机关：${host()}`,
    '    出生日期: 1990年3月7日',
    '    公民身份号码: 990***********1234',
    '    户籍地区: Testprovince',
    '    名: Xiaoming',
    '    姓: Zhangwei',
    '    已满18周岁: 是',
    '    已满21周岁: 是',
    `    已出示给: ${shown}`,
    '',
  ].join('\n')

describe('wallet CLI for people', () => {
  it('accept says what it received, in the language of LANG', async () => {
    const r = await run('accept', issuer.offer(), '--tx-code', '123456')
    expect(r).toMatchObject({ code: 0, err: '' })
    const json = JSON.parse((await run('list', '--json')).out) as { expiresAt: number }[]
    const expiresAt = Math.max(...json.map((c) => c.expiresAt))
    const tz = pickTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone)
    until = { en: formatDay(expiresAt, 'en', tz), zh: formatDay(expiresAt, 'zh-CN', tz) }
    expect(r.out).toBe(`已接收 10 份居民身份凭证副本（SD-JWT），签发机关：${host()}，有效期至 ${until.zh}。\n`)
  })

  it('list (zh-CN from LANG) prints the batch once, 10 unused of 10, with the issuer labels and no raw claim keys', async () => {
    const r = await run('list')
    expect(r).toMatchObject({ code: 0, err: '' })
    expect(r.out).toBe(zhEntry(10, '尚未出示'))
    expect(r.out).not.toMatch(/age_over_18|national_id|given_name|urn:/)
    expect(r.out).not.toContain(PERSON.national_id)
  })

  it('list --lang en prints the English labels and values', async () => {
    const r = await run('list', '--lang', 'en')
    expect(r.code).toBe(0)
    expect(r.out).toBe(
      [
        `- Personal identity credential (SD-JWT)  [Valid]  10 of 10 copies unused, Valid until ${until.en}`,
        `    Issued by ${host()}`,
        '    Aged 18 or over: Yes',
        '    Aged 21 or over: Yes',
        '    Date of birth: 7 March 1990',
        '    Family name: Zhangwei',
        '    Given name: Xiaoming',
        '    National ID number: 990***********1234',
        '    Region of registration: Testprovince',
        '    Shown to: Nobody yet',
        '',
      ].join('\n'),
    )
  })

  it('after one presentation the spent copy is pruned: 9 unused copies of 9; --json lists every copy held', async () => {
    const p = await run('present', (await verifier.createRequest(shop)).uri, '--yes')
    expect(p.code).toBe(0)
    expect((await run('list', '--lang', 'zh-CN')).out).toBe(zhEntry(9, 'Wine Shop', 9))
    expect((await run('list', '--lang', 'en')).out).toContain('  9 of 9 copies unused, ')
    expect(JSON.parse((await run('list', '--json')).out)).toHaveLength(9)
  })
})
