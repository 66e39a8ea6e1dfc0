// Server CPU time from /proc (Linux): utime + stime of a process and its direct children (node:cluster workers).
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

/** Clock ticks per second of /proc/<pid>/stat (getconf CLK_TCK; 100 on Linux when getconf is missing). */
const TICKS_PER_SECOND = ((): number => {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim())
    return Number.isInteger(n) && n > 0 ? n : 100
  } catch {
    return 100
  }
})()

interface ProcStat {
  /** The command name (field 2): `node` for a service and its cluster workers, `esbuild` for tsx's compiler. */
  comm: string
  ppid: number
  /** utime + stime in clock ticks. */
  ticks: number
}

/** Fields of /proc/<pid>/stat, or undefined when the process is gone. The command name (field 2) may hold spaces. */
function readStat(pid: number): ProcStat | undefined {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return undefined
  }
  const close = text.lastIndexOf(')')
  const rest = text.slice(close + 2).split(' ') // fields 3.. (state, ppid, ...)
  return { comm: text.slice(text.indexOf('(') + 1, close), ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) } // fields 4, 14 and 15
}

/**
 * The pids of `pid` and of its direct children running the same program (the workers of a cluster primary, not
 * tsx's esbuild helper), read now.
 */
export function processTree(pid: number): number[] {
  const comm = readStat(pid)?.comm
  const children = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number).filter((p) => {
    const st = readStat(p)
    return st?.ppid === pid && st.comm === comm
  })
  return [pid, ...children]
}

/** CPU milliseconds (user + system) used so far by `pids` together. */
export function cpuMs(pids: number[]): number {
  let ticks = 0
  for (const pid of pids) ticks += readStat(pid)?.ticks ?? 0
  return (ticks * 1000) / TICKS_PER_SECOND
}

/** True where /proc can be read (Linux). */
export function procAvailable(): boolean {
  return readStat(process.pid) !== undefined
}
