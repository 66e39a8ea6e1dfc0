// `npm run bench`: runs every benchmark section in one process, or only those named on the command line.
import { machineHeader } from './harness.ts'

const sections: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  sdjwt: () => import('./sdjwt.ts'),
  issuer: () => import('./issuer.ts'),
  bbs: () => import('./bbs.ts'),
  'bbs-ext': () => import('./bbs-ext.ts'),
  'status-list': () => import('./status-list.ts'),
  verifier: () => import('./verifier.ts'),
  'verifier-session': () => import('./verifier-session.ts'),
  'bbs-flow': () => import('./bbs-flow.ts'),
}

const wanted = process.argv.slice(2)
const unknown = wanted.filter((w) => !(w in sections))
if (unknown.length > 0) {
  console.error(`unknown section(s): ${unknown.join(', ')}; sections: ${Object.keys(sections).join(', ')}`)
  process.exit(2)
}
console.log(machineHeader())
console.log('# every compared row is measured in the same interleaved rounds; figures are medians over rounds, ratios from the same run')
for (const [name, load] of Object.entries(sections)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue
  const started = performance.now()
  const mod = await load()
  await mod.run()
  console.log(`(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`)
}
