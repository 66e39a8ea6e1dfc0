// Runs the wallet CLI (`npm run wallet -- <args>`) in-process, capturing exactly the bytes it writes.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { vi } from 'vitest'
import { main } from '../../wallet/cli.ts'
import { startFakeIssuer, startFakeVerifier, tempWallet } from './wallet-fixtures.ts'
import type { FakeIssuer, FakeVerifier, Service } from './wallet-fixtures.ts'

/** Runs the CLI with `args`; returns its exit code and everything written to stdout and stderr. */
export async function runCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true))
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true))
  try {
    return { code: await main(['node', 'wallet', ...args]), out, err }
  } finally {
    o.mockRestore()
    e.mockRestore()
  }
}

/** Points the CLI (env) at wallet `dir`, trusting the registrar root `registrarRoot` (base64 DER) and the issuer `issuerUrl`. */
export async function useCliWallet(w: { dir: string; config: { passphrase: string } }, registrarRoot: string, issuerUrl: string): Promise<void> {
  const rootFile = join(w.dir, 'registrar-root.pem')
  await writeFile(rootFile, `-----BEGIN CERTIFICATE-----\n${registrarRoot.match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----\n`)
  Object.assign(process.env, {
    WALLET_PASSPHRASE: w.config.passphrase,
    WALLET_DIR: w.dir,
    WALLET_TRUSTED_REGISTRAR: rootFile,
    WALLET_TRUSTED_ISSUERS: issuerUrl,
    WALLET_ALLOW_HTTP_HOSTS: '127.0.0.1, localhost',
    WALLET_KDF_N: '1024',
  })
}

export interface CliTestbed {
  issuer: FakeIssuer
  verifier: FakeVerifier
  shop: Service
  w: Awaited<ReturnType<typeof tempWallet>>
  /** Restores the environment as it was and stops everything. */
  close(): Promise<void>
}

/** A fake issuer (`issuerOptions`), a fake verifier with the service `service` and an empty wallet the CLI (env) uses. */
export async function startCliTestbed(issuerOptions: Parameters<typeof startFakeIssuer>[0], service: Parameters<FakeVerifier['registerService']>[0]): Promise<CliTestbed> {
  const savedEnv = { ...process.env }
  const issuer = await startFakeIssuer(issuerOptions)
  const verifier = await startFakeVerifier()
  const shop = await verifier.registerService(service)
  const w = await tempWallet([])
  await useCliWallet(w, verifier.registrarRoot, issuer.url)
  return {
    issuer,
    verifier,
    shop,
    w,
    async close() {
      process.env = savedEnv
      await w.cleanup()
      await issuer.close()
      await verifier.close()
    },
  }
}
