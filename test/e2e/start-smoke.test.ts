// `npm start` smoke test: spawn `tsx scripts/start.ts` (what npm start runs) on free ports with a temp data folder, run the commands it prints
// (bash, the wallet CLI via npm, curl) exactly as a person would, check `verified`, stop it with SIGTERM; restart it
// on the same folder and check that the demo service is not registered again.
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort, repoRoot } from '../support/processes.ts'
import { start } from './start-process.ts'
import { unlockSession } from '../support/wallet-session.ts'

/** Runs a printed command line with bash in the repository folder; resolves with stdout (rejects on a non-zero exit). */
function sh(line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env }
    for (const k of ['WALLET_PASSPHRASE', 'WALLET_DIR', 'WALLET_TRUSTED_REGISTRAR', 'WALLET_ALLOW_HTTP_HOSTS', 'EID_DATA_DIR']) delete env[k]
    execFile('bash', ['-c', line], { cwd: repoRoot, timeout: 30_000, env }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${line}\n${error.message}\n${stdout}\n${stderr}`))
      else resolve(stdout)
    })
  })
}

const lineStarting = (text: string, prefix: string): string => {
  const l = text.split('\n').find((x) => x.startsWith(prefix))
  if (l === undefined) throw new Error(`no printed line starts with ${prefix}`)
  return l
}

const dirs: string[] = []
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

describe('npm start', () => {
  it('prints the commands of the flow; following them gives verified age_over_18; SIGTERM stops it; a restart registers nothing new', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'eid-start-'))
    dirs.push(dataDir)
    // the verifier keeps its port across the restart: its origin is part of its registration
    const port = { VERIFIER_PORT: String(await freePort()) }
    const first = await start(dataDir, port)
    let clientId: string
    try {
      const text = first.stdout()
      expect(text).toContain('registered now')
      clientId = /client_id (x509_hash:\S+)/.exec(text)?.[1] ?? ''
      expect(clientId).not.toBe('')
      // The printed environment line exports only what the printed commands need.
      const exports = lineStarting(text, 'export ')
      const accept = lineStarting(text, 'npm run wallet -- accept ')
      const ask = lineStarting(text, 'curl -s -X POST ')
      const present = lineStarting(text, 'npm run wallet -- present ')
      const result = lineStarting(text, 'curl -s http')

      expect(await sh(`${exports}; ${accept}`)).toMatch(/Accepted 10 copies of |已接收 10 份/)

      const created = JSON.parse(await sh(ask)) as { id: string; authorization_request: string }
      expect(created.authorization_request).toMatch(/^openid4vp:\/\/\?/)
      // No terminal here: the printed hint says to add --yes.
      const presentLine = `${present.replace("'<authorization_request>'", `'${created.authorization_request}'`)} --yes`
      const presented = await sh(`${exports}; ${presentLine}`)
      // in the language of LC_ALL/LANG, with the issuer's name for the claim
      expect(presented).toMatch(/Demo Wine Shop (asks for your data|请求您的信息)\n/)
      expect(presented).toMatch(/Sent to Demo Wine Shop: Aged 18 or over\.|已发送给 Demo Wine Shop：已满18周岁。/)

      const verified = JSON.parse(await sh(result.replace("'<id>'", created.id))) as unknown
      expect(verified).toEqual({ status: 'verified', claims: { age_over_18: true } })

      // The wallet page serves the same wallet file: the history shows the disclosure.
      const page = /^ {2}wallet {4}(http:\/\/\S+)\//m.exec(text)?.[1]
      if (page === undefined) throw new Error(`no wallet page printed:\n${text}`)
      // The page is locked: it opens with the passphrase the printed line exports.
      const passphrase = /WALLET_PASSPHRASE='?([^' ]+)'?/.exec(exports)?.[1] ?? ''
      const session = await unlockSession(page, passphrase)
      const history = (await (await fetch(`${page}/api/history`, { headers: session.headers() })).json()) as { serviceName: string; outcome: string }[]
      expect(history.map((h) => [h.serviceName, h.outcome])).toEqual([['Demo Wine Shop', 'sent']])
    } finally {
      first.child.kill('SIGTERM')
    }
    expect(await first.exited).toBe(0)

    const files = await readdir(dataDir)
    expect(files).toEqual(expect.arrayContaining(['issuer', 'verifier', 'wallet', 'demo-person.json']))

    const second = await start(dataDir, port)
    try {
      expect(second.stdout()).toContain('already registered')
      expect(second.stdout()).toContain(`client_id ${clientId}`)
    } finally {
      second.child.kill('SIGTERM')
    }
    expect(await second.exited).toBe(0)
  }, 120_000)
})

describe('npm start without its wallet page', () => {
  it('fails (exit 1, says which port) when the wallet web app cannot listen, rather than running without it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'eid-start-'))
    dirs.push(dataDir)
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    const port = (taken.address() as AddressInfo).port
    try {
      const outcome = await start(dataDir, { WALLET_PORT: String(port) }).then(
        async (s) => {
          s.child.kill('SIGTERM')
          await s.exited
          return 'started without its wallet page'
        },
        (err: Error) => err.message,
      )
      expect(outcome).toMatch(new RegExp(`exited with 1[\\s\\S]*npm start failed: port ${port} is in use`))
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()))
    }
  }, 60_000)
})
