// Test support: the issuer's status service over a real IssuerStore, allocating entries the way the credential endpoint
// does (enrolled person, access token, c_nonce, one issueBatch transaction per person), for test persons named by label.
import { randomUUID } from 'node:crypto'
import { createStatusService } from '../../issuer/status/index.ts'
import type { StatusRef, StatusService, StatusServiceOptions } from '../../issuer/status/index.ts'
import { openIssuerSqliteStore } from '../../shared/store/index.ts'
import type { IssuerStore } from '../../shared/store/index.ts'

export interface StatusTestbed {
  store: IssuerStore
  service: StatusService
  /** The person id of the test person `label` (enrolled on first use, with a token of many credits). */
  person(label: string): Promise<string>
  /** Issues one credential `credentialId` to the person labelled `person` and returns its status entry. */
  allocate(input: { credentialId: string; person: string }): Promise<StatusRef>
  /** Issues the credentials, one batch per person, and returns their entries in input order. */
  allocateMany(inputs: readonly { credentialId: string; person: string }[]): Promise<StatusRef[]>
  /** Closes the store unless it was passed in. */
  close(): Promise<void>
}

/** Opens `file` (default ':memory:') or uses `store`, and builds the status service on it. */
export async function createStatusTestbed(
  opts: Omit<StatusServiceOptions, 'store'> & { file?: string; store?: IssuerStore },
): Promise<StatusTestbed> {
  const store = opts.store ?? openIssuerSqliteStore(opts.file ?? ':memory:')
  const service = await createStatusService({ ...opts, store })
  const persons = new Map<string, { personId: string; tokenHash: string }>()

  async function enrolled(label: string): Promise<{ personId: string; tokenHash: string }> {
    const known = persons.get(label)
    if (known) return known
    const now = opts.now()
    const codeHash = randomUUID()
    await store.enroll({ record: { nationalId: `test:${label}`, familyName: label, givenName: 'Test' }, offer: { codeHash, txCodeHash: 'tx', expiresAt: now + 86_400 * 365 }, now })
    const tokenHash = randomUUID()
    const r = await store.redeemOffer({ codeHash, txCodeHash: 'tx', now, maxAttempts: 5, token: { tokenHash, expiresAt: now + 86_400 * 365, credentialLimit: 1_000_000 } })
    if (!r.ok) throw new Error(`test person ${label} could not redeem its offer`)
    const p = { personId: r.personId, tokenHash }
    persons.set(label, p)
    return p
  }

  async function issue(label: string, credentialIds: string[]): Promise<StatusRef[]> {
    const { personId, tokenHash } = await enrolled(label)
    const now = opts.now()
    return service.allocate(credentialIds.length, async (refs) => {
      const nonceHash = randomUUID()
      const result = await store.issueBatch({
        tokenHash,
        nonceHash,
        nonceExpiresAt: now + 300,
        personId,
        entries: refs.map((r, i) => ({ listId: r.listId, idx: r.idx, credentialId: credentialIds[i] as string })),
        records: refs.map((r, i) => ({ credentialId: credentialIds[i] as string, personId, kid: 'test', statusIdx: r.idx, statusUri: r.uri, issuedAt: now, expiresAt: now + 86_400 })),
        now,
      })
      if (result.ok) return { ok: true, value: refs, status: result.status }
      if (result.reason === 'index_taken') return { ok: false, taken: result }
      throw new Error(`test issuance refused: ${result.reason}`)
    })
  }

  return {
    store,
    service,
    person: async (label) => (await enrolled(label)).personId,
    allocate: async (input) => (await issue(input.person, [input.credentialId]))[0] as StatusRef,
    async allocateMany(inputs) {
      const byPerson = new Map<string, number[]>()
      inputs.forEach((input, i) => byPerson.set(input.person, [...(byPerson.get(input.person) ?? []), i]))
      const out: StatusRef[] = new Array<StatusRef>(inputs.length)
      for (const [label, positions] of byPerson) {
        const refs = await issue(label, positions.map((i) => (inputs[i] as { credentialId: string }).credentialId))
        positions.forEach((p, k) => (out[p] = refs[k] as StatusRef))
      }
      return out
    },
    async close() {
      if (!opts.store) await store.close()
    },
  }
}
