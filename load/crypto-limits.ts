// What the hardware allows, measured in the same run as the load: the WebCrypto ES256 verify rate over all cores
// (worker_threads, one per core), and the CPU cost of the raw operations a presentation and an issuance need.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const ECDSA = { name: 'ECDSA', hash: 'SHA-256' }
const P256 = { name: 'ECDSA', namedCurve: 'P-256' }
/** Bytes signed and verified: about the size of a PID SD-JWT's signing input. */
const INPUT_BYTES = 900
/** Verifies each worker keeps in flight (WebCrypto runs them on the libuv threadpool). */
const IN_FLIGHT = 4

// Plain JavaScript run by `node -e`: a child process so that its libuv threadpool can be sized to the cores
// (UV_THREADPOOL_SIZE is read once per process), with one worker thread per core verifying for a fixed time.
const LIMIT_SCRIPT = `
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads')
const [cores, ms, inFlight, bytes] = JSON.parse(process.argv[1])
const body = async ({ ms, inFlight, bytes }) => {
  const { subtle } = globalThis.crypto
  const { privateKey, publicKey } = await subtle.generateKey(${JSON.stringify(P256)}, false, ['sign', 'verify'])
  const data = new Uint8Array(bytes).fill(7)
  const sig = await subtle.sign(${JSON.stringify(ECDSA)}, privateKey, data)
  let n = 0
  const end = performance.now() + ms
  const lane = async () => {
    while (performance.now() < end) {
      if (!(await subtle.verify(${JSON.stringify(ECDSA)}, publicKey, sig, data))) throw new Error('verify failed')
      n++
    }
  }
  await Promise.all(Array.from({ length: inFlight }, lane))
  return n
}
const worker = 'const { parentPort, workerData } = require("node:worker_threads");(' + body.toString() + ')(workerData).then((n) => parentPort.postMessage(n))'
const started = performance.now()
Promise.all(Array.from({ length: cores }, () => new Promise((resolve, reject) => {
  const w = new Worker(worker, { eval: true, workerData: { ms, inFlight, bytes } })
  w.once('message', resolve)
  w.once('error', reject)
}))).then((counts) => {
  console.log(JSON.stringify({ verifies: counts.reduce((a, b) => a + b, 0), seconds: (performance.now() - started) / 1000 }))
})
`

/** WebCrypto ES256 verifications per second over `cores` worker threads for `seconds` (one measurement). */
export async function webCryptoVerifyLimit(cores: number, seconds: number): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', LIMIT_SCRIPT, JSON.stringify([cores, seconds * 1000, IN_FLIGHT, INPUT_BYTES])], {
    env: { ...process.env, UV_THREADPOOL_SIZE: String(Math.max(4, cores * IN_FLIGHT)) },
    timeout: (seconds + 30) * 1000,
  })
  const r = JSON.parse(stdout) as { verifies: number; seconds: number }
  return r.verifies / (seconds) // the workers count only within their `seconds`
}

/** CPU milliseconds (this process, all threads) per call of `op`, called one after another for about `seconds`. */
async function cpuMsPerCall(seconds: number, op: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await op() // warm-up
  const end = performance.now() + seconds * 1000
  const before = process.cpuUsage()
  let n = 0
  while (performance.now() < end) {
    await op()
    n++
  }
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1000 / n
}

export interface RawCosts {
  /** CPU ms of one WebCrypto ES256 verify, one sign, one P-256 public JWK import. */
  verifyMs: number
  signMs: number
  importMs: number
  /** What a presentation needs at least: two verifies (issuer JWT, KB-JWT) and the holder key's import. */
  presentationMs: number
  /** What a batch of `batch` needs at least: per credential one proof key import, one proof verify, one signature. */
  batchMs: number
}

/** The raw CPU costs, measured in this process with WebCrypto (as `jose` uses), one operation at a time. */
export async function rawCosts(seconds: number, batch: number): Promise<RawCosts> {
  const { subtle } = globalThis.crypto
  const { privateKey, publicKey } = await subtle.generateKey(P256, true, ['sign', 'verify'])
  const jwk = await subtle.exportKey('jwk', publicKey)
  const data = new Uint8Array(INPUT_BYTES).fill(7)
  const sig = await subtle.sign(ECDSA, privateKey, data)
  const verifyMs = await cpuMsPerCall(seconds, () => subtle.verify(ECDSA, publicKey, sig, data))
  const signMs = await cpuMsPerCall(seconds, () => subtle.sign(ECDSA, privateKey, data))
  const importMs = await cpuMsPerCall(seconds, () => subtle.importKey('jwk', jwk, P256, false, ['verify']))
  return { verifyMs, signMs, importMs, presentationMs: 2 * verifyMs + importMs, batchMs: batch * (importMs + verifyMs + signMs) }
}
