// Fixtures of the BBS issuance tests: the real issuer app (pid_bbs on by default) on an ephemeral loopback port, and a
// wallet context with an in-memory BBS credential store for the holder-side BBS functions.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pino } from 'pino'
import { createIssuerApp } from '../../issuer/app.ts'
import type { IssuerApp } from '../../issuer/app.ts'
import type { IssuerConfig } from '../../issuer/config.ts'
import type { BbsIssuer } from '../../issuer/formats/index.ts'
import type { BbsIssuerConfig } from '../../issuer/formats/index.ts'
import type { WalletContext } from '../../wallet/core/context.ts'
import type { BbsCredentialStore, StoredBbsCredential } from '../../wallet/core/bbs/index.ts'
import { ADMIN_TOKEN, tempDataDir } from './issuer-harness.ts'

export interface RunningBbsIssuer {
  url: string
  issuer: IssuerApp
  bbs: BbsIssuer
  dataDir: string
  close(): Promise<void>
}

/** The issuer with pid_bbs on an ephemeral port. */
export async function startBbsIssuer(opts: { dataDir?: string; now?: () => number; bbs?: BbsIssuerConfig; extra?: Partial<IssuerConfig> } = {}): Promise<RunningBbsIssuer> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const dataDir = opts.dataDir ?? tempDataDir()
  const issuer = await createIssuerApp({
    issuerUrl: url, adminToken: ADMIN_TOKEN, dataDir, logger: pino({ level: 'silent' }), rateLimit: { max: 10_000, windowSeconds: 60 },
    ...(opts.now ? { now: opts.now } : {}), ...(opts.bbs ? { bbs: opts.bbs } : {}), ...opts.extra,
  })
  if (!issuer.bbs) throw new Error('pid_bbs is off')
  server.on('request', issuer.handler)
  return {
    url, issuer, bbs: issuer.bbs, dataDir,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await issuer.close()
    },
  }
}
/** A wallet context for loopback http, with an in-memory BBS credential store. */
export function bbsWalletContext(now: () => number = () => Math.floor(Date.now() / 1000)): { ctx: WalletContext; store: BbsCredentialStore & { items: StoredBbsCredential[] } } {
  const items: StoredBbsCredential[] = []
  const store = {
    items,
    list: async () => [...items],
    put: async (c: StoredBbsCredential) => {
      const i = items.findIndex((x) => x.id === c.id)
      if (i < 0) items.push(c)
      else items[i] = c
    },
  }
  const ctx = {
    store: undefined as never,
    policy: { allowHttpHosts: ['127.0.0.1'] },
    limits: { timeoutMs: 10_000, maxBytes: 256 * 1024 },
    now,
    trustedRegistrarRoots: async () => [],
    batchSize: 1,
    sdJwtPolicy: 'once-only',
    trustedIssuers: [],
    trustedIssuerRoots: [],
  } satisfies WalletContext
  return { ctx, store }
}
