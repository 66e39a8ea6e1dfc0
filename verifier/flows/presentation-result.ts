// GET /presentations/:id: the session's public status and, once verified, the requested claims.
import { EidError } from '../../shared/errors/index.ts'
import type { VerifierDeps } from '../deps.ts'

export interface PresentationResult {
  status: 'pending' | 'verified' | 'rejected' | 'expired'
  claims?: Record<string, unknown>
  error?: string
}

/** `processing` shows as pending; a pending session past its expiry as expired. */
export async function presentationResult(deps: VerifierDeps, id: string): Promise<PresentationResult> {
  const s = await deps.store.getSession(id)
  if (!s) throw new EidError('presentation_not_found', 'no such presentation')
  if (s.status === 'verified') return { status: 'verified', claims: s.claims ?? {} }
  if (s.status === 'rejected') return { status: 'rejected', error: s.error ?? 'rejected' }
  if (s.status === 'pending' && s.expiresAt <= deps.now()) return { status: 'expired' }
  return { status: 'pending' }
}
