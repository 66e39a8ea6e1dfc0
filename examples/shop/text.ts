// What the shop says, in Simplified Chinese and English: the language comes from ?lang=, then the cookie, then Accept-Language.

export type Lang = 'zh-CN' | 'en'

export const TEXT = {
  'zh-CN': {
    title: '演示葡萄酒商店',
    product: '干红葡萄酒 750 毫升 · ¥168',
    gate: '按照法律，我们只向年满 18 周岁的顾客出售酒类。',
    how: '用您的电子身份钱包证明您已年满 18 周岁。我们只会得知“已满 18 岁”，不会得到您的姓名、身份证号码或出生日期。',
    start: '证明我已满 18 岁',
    scan: '用手机上的钱包扫描此二维码',
    cannotScan: '无法扫描？复制请求链接',
    sameDevice: '钱包在这台设备上？',
    open: '打开我的钱包',
    waiting: '正在等待您的钱包回应…',
    verified: '谢谢！已确认您年满 18 岁，可以继续购买。',
    declined: '您选择了不分享。没关系，我们什么也没有收到。',
    refused: '无法验证钱包的回应，我们没有保存任何信息。请重试。',
    expired: '请求已过期，请重新开始。',
    underage: '您的钱包显示您未满 18 岁，我们不能向您出售酒类。',
    again: '重新开始',
    switchTo: 'English',
  },
  en: {
    title: 'Demo Wine Shop',
    product: 'Dry red wine, 750 ml · ¥168',
    gate: 'By law we sell alcohol only to customers aged 18 or over.',
    how: 'Prove you are 18 or over with your e-ID wallet. We learn only "over 18": not your name, ID number or birthdate.',
    start: 'Prove I am over 18',
    scan: 'Scan this QR code with the wallet on your phone',
    cannotScan: 'Cannot scan? Copy the request link',
    sameDevice: 'Wallet on this device?',
    open: 'Open my wallet',
    waiting: 'Waiting for your wallet…',
    verified: 'Thank you: you are 18 or over. Your order can go ahead.',
    declined: 'You chose not to share. That is fine: we received nothing.',
    refused: 'Your wallet’s answer could not be verified, and nothing was kept. Please try again.',
    expired: 'The request has expired. Please start again.',
    underage: 'Your wallet says you are under 18, so we cannot sell you alcohol.',
    again: 'Start again',
    switchTo: '中文',
  },
} as const

export type Words = (typeof TEXT)[Lang]

/** The page language: an explicit choice wins, then the cookie, then the first supported Accept-Language entry. */
export function pickLang(query: string | null, cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  for (const v of [query, cookie]) if (v === 'zh-CN' || v === 'en') return v
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? ''
    if (tag.startsWith('zh')) return 'zh-CN'
    if (tag.startsWith('en')) return 'en'
  }
  return 'en'
}
