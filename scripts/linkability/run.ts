// The core of `npm run linkability`: start the world, run the visits (with revocations), measure pseudonym stability,
// read what the verifiers stored, and score every handle. The CLI (index.ts) and the test call this.
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { DatasetResult } from './analyse.ts'
import { analyseDataset } from './analyse.ts'
import { baselineEpoch } from './options.ts'
import type { LinkabilityOptions } from './options.ts'
import { seededRandom } from './rng.ts'
import type { StabilityResult } from './stability.ts'
import { measureStability } from './stability.ts'
import { runVisits } from './visits.ts'
import { startWorld } from './world.ts'

export interface LinkabilityReport {
  options: LinkabilityOptions
  seconds: number
  datasets: DatasetResult[]
  stability?: StabilityResult
  revocations: number
  /** Visits that did not verify, by outcome (a revoked person's presentations are rejected, as they should be). */
  failures: Record<string, number>
}

async function bytesUnder(dir: string): Promise<Buffer[]> {
  const out: Buffer[] = []
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(await readFile(join(e.parentPath, e.name)))
  return out
}

export async function runLinkability(options: LinkabilityOptions, log: (line: string) => void = () => {}): Promise<LinkabilityReport> {
  const started = Date.now()
  const o = options
  const random = seededRandom(o.seed)
  const world = await startWorld(o, random, log)
  try {
    const run = await runVisits(world, o, random, log)
    if (o.dump !== undefined) await writeFile(o.dump, run.observations.map((x) => JSON.stringify(x)).join('\n') + '\n')
    const revoked = new Set(run.revocations.map((r) => r.person))
    const stability = o.stability ? await measureStability(world, run.observations, revoked, log) : undefined
    const verifierFiles = Buffer.concat((await Promise.all(world.services.map((s) => bytesUnder(s.dataDir)))).flat())
    const common = { issued: run.issued, views: o.adversary, verifierFiles, snapshots: run.snapshots, revocations: run.revocations, epochSeconds: baselineEpoch(o) }
    const datasets = [
      ...o.policies.map((policy) => analyseDataset({ ...common, label: `SD-JWT VC, wallet policy ${policy}`, format: 'sd-jwt', policy, observations: run.observations.filter((x) => x.format === 'sd-jwt' && x.policy === policy) })),
      analyseDataset({ ...common, label: 'BBS (JWP, per-service pseudonym)', format: 'bbs', observations: run.observations.filter((x) => x.format === 'bbs') }),
    ]
    return { options: o, seconds: (Date.now() - started) / 1000, datasets, ...(stability ? { stability } : {}), revocations: run.revocations.length, failures: run.failures }
  } finally {
    await world.close()
  }
}
