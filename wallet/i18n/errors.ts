// What a refusal means for the person, by its stable code, in their language (the code and technical message follow).
import type { Locale } from './locale.ts'

/** Explanations by code pattern: English, Chinese (every pattern names codes of shared/errors). */
export const EXPLANATIONS: readonly (readonly [RegExp, string, string])[] = [
  [/^wallet_locked$/, 'Your wallet is locked. Unlock it first.', '钱包已锁定，请先解锁。'],
  [/^wallet_passphrase_wrong$/, 'That passphrase does not open this wallet.', '口令不正确，无法打开此钱包。'],
  [/^rate_limited$/, 'Too many attempts. Wait a minute, then try again.', '尝试次数过多。请稍等一分钟再试。'],
  [/^forbidden$/, 'This form is stale or came from another site. Reload the wallet page and try again; nothing was done.', '此表单已过期或来自其他网站。请重新加载钱包页面后再试；未执行任何操作。'],
  [/^not_found$/, 'There is no such page, or this request is no longer waiting for your answer. Open it again.', '没有此页面，或此请求已不再等待您的答复。请重新打开。'],
  [/^claim_not_registered$/, 'The service asked for data the registrar does not allow it to ask for. The wallet refused the request and sent nothing.', '该服务请求了登记机构不允许其请求的信息。钱包已阻止此请求，没有发送任何信息。'],
  [/^(x5c_|certificate_)/, 'The service could not prove that it is registered with the registrar this wallet trusts. The wallet refused the request and sent nothing.', '该服务无法证明已在本钱包信任的登记机构登记。钱包已阻止此请求，没有发送任何信息。'],
  [/^registration_/, "The service's registration is missing, expired, not yet valid or not its own. The wallet refused the request and sent nothing.", '该服务的登记缺失、已过期、尚未生效或不属于它。钱包已阻止此请求，没有发送任何信息。'],
  [/^(response_uri_|redirect_uri_|transaction_data_|claims_path_|claim_path_)/, 'The request does not follow the rules a registered service must follow. The wallet refused it and sent nothing.', '该请求不符合登记服务必须遵守的规则。钱包已阻止此请求，没有发送任何信息。'],
  [/^(request_object_|client_id_mismatch$|authorization_request_invalid$|dcql_query_invalid$)/, 'The request is malformed, expired or not signed by the service it names. The wallet refused it and sent nothing.', '该请求格式错误、已过期，或并非由其声称的服务签名。钱包已阻止此请求，没有发送任何信息。'],
  [/^(no_matching_credential|bbs_credential_missing)$/, 'You hold no credential that can answer this request. Nothing was sent.', '您没有可以回应此请求的证件。没有发送任何信息。'],
  [/^bbs_credential_expired$/, 'Your unlinkable (BBS) credential has expired. The wallet never renews it while you answer a service, so that the ID authority cannot learn when you use it. Renew it first (command line: wallet refresh-bbs; the wallet page renews it in the background while it runs), then try again. Nothing was sent.', '您的不可关联（BBS）证件已过期。钱包不会在您回应服务时续期，以免签发机构得知您何时使用证件。请先续期（命令行：wallet refresh-bbs；钱包页面运行时会在后台自动续期），然后重试。没有发送任何信息。'],
  [/^bbs_refresh_unavailable$/, 'Your unlinkable (BBS) credential can no longer be renewed. Ask the registration desk for a new credential offer and accept it.', '您的不可关联（BBS）证件已无法续期。请向登记窗口索取新的证件发放并接受。'],
  [
    /^no_unlinkable_credential$/,
    'Every copy of your credential that could answer this has been used once already. The wallet never shows a copy twice, so that services cannot recognise you by it; it fetches new copies in the background. Try again later. Nothing was sent.',
    '可以回应此请求的证件副本都已使用过一次。钱包不会重复出示同一副本，以免服务据此认出您；新的副本会在后台自动获取。请稍后再试。没有发送任何信息。',
  ],
  [/^issuer_untrusted$/, 'This credential offer comes from an issuer your wallet does not trust. Nothing was sent to it and nothing was stored.', '此证件来自您的钱包不信任的签发方。没有向其发送任何信息，也没有保存任何内容。'],
  [/^(credential_offer_invalid|issuer_metadata_invalid|issuance_failed|issued_credential_invalid)$/, 'The credential offer could not be accepted. Nothing was stored.', '无法接受此证件发放。没有保存任何内容。'],
  [/^upstream_fetch_failed$|^url_not_allowed$/, 'The server named in the QR code could not be reached or is not allowed. Nothing was sent.', '无法连接二维码中的服务器，或不允许连接该服务器。没有发送任何信息。'],
  [/^presentation_not_accepted$/, 'The service did not accept the answer.', '服务未接受此答复。'],
]

const FALLBACK = ['The wallet could not complete this. Nothing was sent.', '钱包无法完成此操作。没有发送任何信息。'] as const

/** The person's explanation of `code`. */
export function explainCode(code: string, locale: Locale): string {
  const row = EXPLANATIONS.find(([re]) => re.test(code))
  const [en, zh] = row ? [row[1], row[2]] : FALLBACK
  return locale === 'zh-CN' ? zh : en
}
