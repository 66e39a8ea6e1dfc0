// Bridges the async issuer store to the status service's synchronous `personExists`: an enrolled person
// without credentials yet can be revoked or suspended (recorded, so later issuance is refused) instead of a 404.
import type { RequestHandler } from 'express'
import type { IssuerStore } from '../../shared/store/index.ts'

/** `personExists` for createStatusService, plus the middleware that vouches for the person of the current admin request. */
export function enrolledPersons(store: IssuerStore): { personExists: (personId: string) => boolean; vouch: RequestHandler } {
  const vouched = new Map<string, number>()
  const release = (id: string): void => {
    const n = (vouched.get(id) ?? 1) - 1
    if (n <= 0) vouched.delete(id)
    else vouched.set(id, n)
  }
  const vouch: RequestHandler = async (req, res, next) => {
    const id = req.params.personId
    if (typeof id === 'string' && id.length <= 128 && (await store.getPerson(id))) {
      vouched.set(id, (vouched.get(id) ?? 0) + 1)
      res.on('close', () => release(id))
    }
    next()
  }
  return { personExists: (personId) => vouched.has(personId), vouch }
}
