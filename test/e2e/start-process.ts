// Spawning `npm start` (tsx scripts/start.ts) for the e2e tests: a given data folder, no secrets from the environment.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { repoRoot } from '../support/processes.ts'

export interface Started {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  exited: Promise<number | null>
}

/** Spawns `npx tsx scripts/start.ts` and resolves once it printed its instructions (or rejects when it exits first). */
export async function start(dataDir: string, overrides: NodeJS.ProcessEnv = {}): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, EID_DATA_DIR: dataDir, HOST: '127.0.0.1', ISSUER_PORT: '0', VERIFIER_PORT: '0', WALLET_PORT: '0', SHOP_PORT: '0', LOG_LEVEL: 'warn' }
  for (const k of ['ISSUER_ADMIN_TOKEN', 'VERIFIER_API_KEY', 'WALLET_PASSPHRASE', 'ISSUER_URL', 'VERIFIER_URL', 'WALLET_DIR']) delete env[k]
  Object.assign(env, overrides)
  const child = spawn(join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/start.ts'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout?.on('data', (b: Buffer) => (out += b.toString('utf8')))
  child.stderr?.on('data', (b: Buffer) => (err += b.toString('utf8')))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no instructions after 30 s\n${out}\n${err}`)), 30_000)
    const printed = (): void => {
      if (!out.includes('Stop with Ctrl-C.')) return
      clearTimeout(timer)
      child.stdout?.off('data', printed)
      resolve()
    }
    child.stdout?.on('data', printed)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`npm start exited with ${code}\n${out}\n${err}`))
    })
  })
  return { child, stdout: () => out, stderr: () => err, exited }
}

