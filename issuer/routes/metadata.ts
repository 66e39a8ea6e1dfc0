// Public GET routes: issuer and AS metadata, JWKS, trust anchors.
import { Router } from 'express'
import type { Response } from 'express'
import type { IssuerDeps } from '../deps.ts'
import { allKeys, authorizationServerMetadata, issuerMetadata, jwtVcIssuerMetadata, pkiDocument, toPem } from '../flows/metadata.ts'

/**
 * Well-known documents at `/.well-known/<name>` and, when the issuer URL has a path, also at
 * `/.well-known/<name><path>` (RFC 8414 §3.1 / OpenID4VCI §12.2.2 path insertion).
 */
export function metadataRouter(deps: IssuerDeps): Router {
  const r = Router()
  const path = new URL(deps.config.issuerUrl).pathname.replace(/\/$/, '')
  const wellKnown = (name: string, doc: () => unknown): void => {
    const send = (_req: unknown, res: Response): void => {
      res.set('Cache-Control', 'public, max-age=300').json(doc())
    }
    r.get(`/.well-known/${name}`, send)
    if (path) r.get(`/.well-known/${name}${path}`, send)
  }
  wellKnown('openid-credential-issuer', () => issuerMetadata(deps))
  wellKnown('oauth-authorization-server', () => authorizationServerMetadata(deps))
  wellKnown('jwt-vc-issuer', () => jwtVcIssuerMetadata(deps))
  r.get('/.well-known/jwks.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(allKeys(deps))
  })
  r.get('/pki', (_req, res) => {
    res.json(pkiDocument(deps))
  })
  r.get('/pki/authority-root.pem', (_req, res) => {
    res.type('application/x-pem-file').send(toPem(deps.keys.authorityRoot.cert))
  })
  r.get('/pki/registrar-root.pem', (_req, res) => {
    res.type('application/x-pem-file').send(toPem(deps.keys.registrarRoot.cert))
  })
  return r
}
