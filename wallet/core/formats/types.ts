// A row of the wallet's credential-format table: selection, consent and presentation for one DCQL `format`.
import type { DcqlQueryParser, RequestObjectPayload } from '../../../shared/oid4vp/index.ts'
import type { ConsentRequest } from '../consent.ts'
import type { WalletContext } from '../context.ts'
import type { HistoryEntry } from '../state.ts'

/** What the chosen credentials of a checked request send, and what the history records. */
export interface FormatAnswer {
  vpToken: Record<string, string[]>
  disclosed: HistoryEntry['disclosures']
}

/** What an answer needs from the request: audience, service name, nonce, `iat` (the request's), pseudonym scope (its service_id). */
export interface AnswerRequest {
  clientId: string
  serviceName: string
  nonce: string
  iat: number
  pseudonymScope: string
}

/** The held credentials chosen for a checked request: shown on the consent screen, answered after consent. */
export interface FormatSelection {
  consentEntries: ConsentRequest['credentials']
  /** Builds the presentations and marks the credentials as shown to the service (before anything is posted). */
  answer(req: AnswerRequest): Promise<FormatAnswer>
}

export interface WalletFormat {
  /** The DCQL / OpenID4VP format identifier (`dc+sd-jwt`, `dc+jpt`). */
  format: string
  /** Parses a DCQL query of this format inside verifyRequestObject; absent: the generic `dc+sd-jwt` parser. */
  parseQuery?: DcqlQueryParser
  /** Chooses held credentials for the request's query (`no_matching_credential`, `no_unlinkable_credential`, ...). */
  select(ctx: WalletContext, payload: RequestObjectPayload, now: number): Promise<FormatSelection>
}
