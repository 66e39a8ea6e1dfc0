// The issuer's BBS routes, mounted before the generic ones: pid_bbs at POST /credential (other configurations pass
// through), and the metadata documents with pid_bbs and the BBS key added. Thin: parse, call, respond.
import express, { Router } from 'express'
import type { IssuerDeps } from '../deps.ts'
import { issuerMetadata, jwtVcIssuerMetadata, allKeys } from '../flows/metadata.ts'
import { PID_BBS_CONFIGURATION_ID } from '../../shared/pid-bbs/index.ts'
import { issueBbsCredential } from './credential.ts'
import type { BbsIssuer } from './issuer.ts'
import { withBbsKey, withPidBbsConfiguration } from './metadata.ts'

/** `POST /credential` for `pid_bbs`; `GET` issuer metadata, JWT VC issuer metadata and JWKS including the BBS entries. */
export function bbsIssuerRouter(deps: IssuerDeps, bbs: BbsIssuer): Router {
  const r = Router()
  const json = express.json({ limit: deps.config.bodyLimitBytes })
  r.post('/credential', json, async (req, res, next) => {
    const body: unknown = req.body
    if (typeof body !== 'object' || body === null || (body as Record<string, unknown>).credential_configuration_id !== PID_BBS_CONFIGURATION_ID) {
      next()
      return
    }
    const auth = /^Bearer ([A-Za-z0-9_-]{1,256})$/.exec(req.get('authorization') ?? '')
    res.set('Cache-Control', 'no-store').json(await issueBbsCredential(deps, bbs, auth?.[1], body))
  })
  const path = new URL(deps.config.issuerUrl).pathname.replace(/\/$/, '')
  const wellKnown = (name: string, doc: () => unknown): void => {
    for (const p of path ? [`/.well-known/${name}`, `/.well-known/${name}${path}`] : [`/.well-known/${name}`]) {
      r.get(p, (_req, res) => {
        res.set('Cache-Control', 'public, max-age=300').json(doc())
      })
    }
  }
  wellKnown('openid-credential-issuer', () => withPidBbsConfiguration(issuerMetadata(deps), bbs))
  wellKnown('jwt-vc-issuer', () => {
    const md = jwtVcIssuerMetadata(deps)
    return { ...md, jwks: withBbsKey(md.jwks, bbs) }
  })
  r.get('/.well-known/jwks.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(withBbsKey(allKeys(deps), bbs))
  })
  return r
}
