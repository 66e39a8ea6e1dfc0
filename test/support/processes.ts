// Service processes for end-to-end tests: spawn `tsx <entry>`, wait for its log line, stop it; free ports for them.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

/** A port free right now (bound and released). */
export async function freePort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  const port = (s.address() as AddressInfo).port
  await new Promise<void>((resolve) => s.close(() => resolve()))
  return port
}

export interface ServiceProcess {
  child: ChildProcess
  /** Exit code (null when killed by a signal) once the process has exited. */
  exited: Promise<number | null>
  /** Everything written to stdout and stderr so far. */
  output(): string
  /** Resolves when the output contains `text`; rejects after `timeoutMs` or when the process exits first. */
  waitFor(text: string, timeoutMs?: number): Promise<void>
  /** SIGKILL, then wait for the exit (no-op when already exited). */
  kill(): Promise<void>
}

/** Spawns `node --import tsx <entry>` in the repo with `env` added to this process's environment. */
export function startProcess(entry: string, env: Record<string, string>): ServiceProcess {
  // DATABASE_URL (set in CI for the PostgreSQL tests) only when the test passes one: else the embedded SQLite store
  // node with tsx's loader, not the tsx CLI (which runs the script in a child process): a kill reaches the service itself
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: '', ...env } })
  let out = ''
  let code: number | null | undefined
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()))
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (c) => {
      code = c
      resolve(c)
    }),
  )
  return {
    child,
    exited,
    output: () => out,
    async waitFor(text, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs
      while (!out.includes(text)) {
        if (code !== undefined) throw new Error(`${entry} exited (${String(code)}) before "${text}":\n${out.slice(-2000)}`)
        if (Date.now() > deadline) throw new Error(`${entry} did not print "${text}" within ${timeoutMs} ms:\n${out.slice(-2000)}`)
        await new Promise((r) => setTimeout(r, 25))
      }
    },
    async kill() {
      if (code !== undefined) return
      child.kill('SIGKILL')
      await exited
    },
  }
}
