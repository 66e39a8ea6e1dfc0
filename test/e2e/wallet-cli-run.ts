// Runs the wallet CLI (`npm run wallet -- <args>`) in-process, capturing exactly the bytes it writes.
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
