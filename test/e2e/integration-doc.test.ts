// docs/INTEGRATION.md, run: every fenced example (curl, JavaScript, Python, the webhook receiver and check) is taken
// from the document and run as written against a live issuer and verifier on 127.0.0.1, with a holder answering the
// printed requests. Python examples run when python3 is present (with requests, and with it hidden for the urllib
// fallback), else skip with a message.
import { execFileSync, spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enrollPerson } from '../../scripts/lib/demo-person.ts'
import { startIssuer, startService } from '../../scripts/lib/stack.ts'
import type { RunningIssuer, RunningVerifier } from '../../scripts/lib/stack.ts'
import { signWebhook } from '../../verifier/webhooks/index.ts'
import { ADMIN_TOKEN, API_KEY, answerDirectly, capturedLogger, flowPerson, issueDirectly } from './flow-fixtures.ts'
import type { DirectHolder } from './flow-fixtures.ts'
import { freePort } from '../support/processes.ts'

const DOC = readFileSync(new URL('../../docs/INTEGRATION.md', import.meta.url), 'utf8')
const SECRET = 'integration-doc-webhook-secret-0123456789'

/** The fenced blocks, by the file name their first line gives (`# ask.sh`, `// ask-age.mjs`), plus unnamed ones. */
const blocks = [...DOC.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1] ?? '', code: m[2] ?? '', name: /^(?:#|\/\/) ([\w.-]+\.(?:sh|mjs|py))\b/.exec(m[2] ?? '')?.[1] }))
const block = (name: string): string => {
  const b = blocks.find((x) => x.name === name)
  if (!b) throw new Error(`INTEGRATION.md has no block ${name}`)
  return b.code
}

let python = false
try {
  execFileSync('python3', ['--version'], { stdio: 'ignore' })
  python = true
} catch {
  console.log('python3 is absent: the Python examples of docs/INTEGRATION.md are skipped')
}
let hasRequests = false
if (python) {
  try {
    execFileSync('python3', ['-c', 'import requests'], { stdio: 'ignore' })
    hasRequests = true
  } catch {
    console.log('python3 has no requests module: ask_age.py runs with its urllib fallback only')
  }
}

let root = ''
let issuer: RunningIssuer
let verifier: RunningVerifier
let holder: DirectHolder
let receiver: ChildProcess
let receiverOut = ''
let used = 0
const env = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: process.env.HOME, VERIFIER_URL: verifier.url, VERIFIER_API_KEY: API_KEY })

/** Runs `cmd args` in the temp folder; calls `onLine` per stdout line; resolves with stdout on exit 0. */
function run(cmd: string, args: string[], onLine: (line: string) => void = () => undefined, extraEnv: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...env(), ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.stdout.on('data', (b: Buffer) => {
      const before = out
      out += b.toString('utf8')
      for (const line of out.slice(before.lastIndexOf('\n') + 1).split('\n').slice(0, -1)) onLine(line)
    })
    child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')))
    child.on('exit', (code) => {
      clearTimeout(timer)
      if (code === 0) resolve(out)
      else reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${out}\n${err}`))
    })
  })
}

/** Answers a printed openid4vp:// request as the person's wallet (a fresh credential each time). */
async function answer(request: string): Promise<void> {
  const cred = holder.credentials[used++]
  if (!cred) throw new Error('out of credentials')
  const res = await answerDirectly(request, cred, [['age_over_18']], Math.floor(Date.now() / 1000))
  expect(res.status).toBe(200)
}

/** Waits until the webhook receiver printed a line for `id`. */
async function webhookLine(id: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const line = receiverOut.split('\n').find((l) => l.startsWith(`${id} `))
    if (line !== undefined) return line
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`no webhook for ${id}; receiver printed:\n${receiverOut}`)
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'eid-integration-doc-'))
  for (const b of blocks.filter((x) => x.name !== undefined)) writeFileSync(join(root, b.name as string), b.code)
  // the documented receiver, listening where the verifier's registered callback points
  const port = await freePort()
  receiver = spawn('node', [join(root, 'webhook.mjs')], { cwd: root, env: { PATH: process.env.PATH, PORT: String(port), VERIFIER_WEBHOOK_SECRET: SECRET }, stdio: ['ignore', 'pipe', 'inherit'] })
  receiver.stdout?.on('data', (b: Buffer) => (receiverOut += b.toString('utf8')))
  issuer = await startIssuer({ host: '127.0.0.1', port: 0, dataDir: join(root, 'issuer-data'), adminToken: ADMIN_TOKEN, logger: capturedLogger([]) })
  verifier = await startService({
    host: '127.0.0.1', port: 0, dataDir: join(root, 'shop-data'), apiKey: API_KEY, issuer, logger: capturedLogger([]),
    spec: { name: 'Doc Shop', purpose: 'Sells wine only to adults', allowedClaims: [['age_over_18']] },
    extra: { webhook: { url: `http://127.0.0.1:${port}/eid-webhook`, secret: SECRET } },
  })
  // what `npm start` leaves in ./data, for setup.sh
  mkdirSync(join(root, 'data'))
  writeFileSync(join(root, 'data', 'demo-verifier-api-key.txt'), `${API_KEY}\n`)
  const person = flowPerson()
  await enrollPerson(issuer.url, ADMIN_TOKEN, person)
  holder = await issueDirectly(issuer.url, person, 6, Math.floor(Date.now() / 1000))
}, 60_000)

afterAll(async () => {
  receiver?.kill('SIGTERM')
  await verifier?.close()
  await issuer?.close()
  if (root) await rm(root, { recursive: true, force: true })
})

describe('docs/INTEGRATION.md examples', () => {
  it('has only named, runnable examples (and the webhook message)', () => {
    const names = blocks.map((b) => b.name ?? `<${b.lang || 'plain'}>`)
    expect(names.sort()).toEqual(['<plain>', 'ask-age.mjs', 'ask.sh', 'ask_age.py', 'result.sh', 'setup.sh', 'webhook.mjs', 'webhook_check.py'].sort())
  })

  it('curl: setup.sh, ask.sh, then result.sh reads verified; the webhook receiver got it once', async () => {
    const setup = block('setup.sh').replace('http://127.0.0.1:4002', verifier.url)
    const created = JSON.parse(await run('bash', ['-c', `${setup}\n${block('ask.sh')}`])) as { id: string; authorization_request: string }
    expect(created.authorization_request).toMatch(/^openid4vp:\/\//)
    expect(JSON.parse(await run('bash', ['-c', `${setup}\nID=${created.id}\n${block('result.sh')}`]))).toEqual({ status: 'pending' })
    await answer(created.authorization_request)
    expect(JSON.parse(await run('bash', ['-c', `${setup}\nID=${created.id}\n${block('result.sh')}`]))).toEqual({ status: 'verified', claims: { age_over_18: true } })
    expect(await webhookLine(created.id)).toBe(`${created.id} verified {"age_over_18":true}`)
  })

  it('JavaScript: ask-age.mjs prints the request, then the verified result', async () => {
    const out = await run('node', ['ask-age.mjs'], (line) => {
      if (line.startsWith('openid4vp://')) void answer(line)
    })
    const last = out.trim().split('\n').at(-1) ?? ''
    expect(last).toMatch(/^\{"status":"verified","claims":\{"age_over_18":true\}\} OVER 18$/)
  })

  it('webhook: a declined request reaches the receiver as rejected access_denied, once', async () => {
    const res = await fetch(`${verifier.url}/presentations`, { method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }, body: '{"preset":"age_over_18"}' })
    const created = (await res.json()) as { id: string; authorization_request: string }
    const ro = decodeJwt(await (await fetch(new URL(created.authorization_request).searchParams.get('request_uri') ?? '')).text())
    for (let i = 0; i < 2; i++) await fetch(String(ro.response_uri), { method: 'POST', body: new URLSearchParams({ error: 'access_denied', state: String(ro.state) }) })
    expect(await webhookLine(created.id)).toBe(`${created.id} rejected "access_denied"`)
    await verifier.verifier.webhook?.idle()
    expect(receiverOut.split('\n').filter((l) => l.startsWith(created.id))).toHaveLength(1)
    // the documented message names the headers and body fields that are sent
    const message = blocks.find((b) => b.name === undefined)?.code ?? ''
    expect(message).toContain('Eid-Webhook-Id: <presentation id>')
    expect(Object.keys(JSON.parse(message.split('\n').find((l) => l.startsWith('{')) ?? '{}') as object).sort()).toEqual(['claims', 'finished_at', 'id', 'status', 'type'])
  })

  describe.skipIf(!python)('Python', () => {
    it.skipIf(!hasRequests)('ask_age.py with requests prints the request, then the verified result', async () => {
      const out = await run('python3', ['ask_age.py'], (line) => {
        if (line.startsWith('openid4vp://')) void answer(line)
      })
      expect(out.trim().split('\n').at(-1)).toBe('{"status":"verified","claims":{"age_over_18":true}} OVER 18')
    })

    it('ask_age.py without requests (urllib fallback) does the same', async () => {
      const hide = join(root, 'no-requests')
      mkdirSync(hide, { recursive: true })
      writeFileSync(join(hide, 'requests.py'), 'raise ImportError("hidden by the test")\n')
      const out = await run('python3', ['ask_age.py'], (line) => {
        if (line.startsWith('openid4vp://')) void answer(line)
      }, { PYTHONPATH: hide })
      expect(out.trim().split('\n').at(-1)).toBe('{"status":"verified","claims":{"age_over_18":true}} OVER 18')
    })

    it('webhook_check.py accepts a real signature and refuses a changed body or another secret', async () => {
      const body = '{"type":"presentation.finished","id":"x","status":"verified","claims":{"age_over_18":true},"finished_at":1}'
      const header = signWebhook(SECRET, body, Math.floor(Date.now() / 1000))
      const check = (secret: string, raw: string): string =>
        execFileSync('python3', ['webhook_check.py', secret, header], { cwd: root, input: raw, encoding: 'utf8' }).trim()
      expect(check(SECRET, body)).toBe('valid')
      expect(check(SECRET, body.replace('true', 'false'))).toBe('invalid')
      expect(check(`${SECRET}x`, body)).toBe('invalid')
    })
  })
})
