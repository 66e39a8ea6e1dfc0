// Runs the wallet CLI (`npm run wallet -- <args>`) in-process, capturing exactly the bytes it writes.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { vi } from 'vitest'
import { main } from '../../wallet/cli.ts'

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
