// GET /presentations/:id: the session's public status and, once verified, the requested claims.
import { timingSafeEqual } from 'node:crypto'
import { EidError } from '../../shared/errors/index.ts'
import type { VerifierDeps } from '../deps.ts'
import { hashResponseCode } from './response-code.ts'

export interface PresentationResult {
  status: 'pending' | 'verified' | 'rejected' | 'expired'
  claims?: Record<string, unknown>
  error?: string
}

/**
 * `processing` shows as pending; a pending session past its expiry as expired. A same-device session
 * (created with `redirect_uri`) releases its outcome only with the `response_code` the redirect carried
 * (response_code_invalid otherwise).
 */
export async function presentationResult(deps: VerifierDeps, id: string, responseCode?: string): Promise<PresentationResult> {
  const s = await deps.store.getSession(id)
  if (!s) throw new EidError('presentation_not_found', 'no such presentation')
  if (s.responseCodeHash !== undefined) {
    const given = Buffer.from(hashResponseCode(responseCode ?? ''))
    if (responseCode === undefined || !timingSafeEqual(given, Buffer.from(s.responseCodeHash))) {
      throw new EidError('response_code_invalid', 'response_code missing or wrong for this presentation')
    }
  }
  if (s.status === 'verified') return { status: 'verified', claims: s.claims ?? {} }
  if (s.status === 'rejected') return { status: 'rejected', error: s.error ?? 'rejected' }
  if (s.status === 'pending' && s.expiresAt <= deps.now()) return { status: 'expired' }
  return { status: 'pending' }
}
