// `npm run bench`: runs every benchmark section in one process, or only those named on the command line.
const sections: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  sdjwt: () => import('./sdjwt.ts'),
  issuer: () => import('./issuer.ts'),
  bbs: () => import('./bbs.ts'),
  'bbs-ext': () => import('./bbs-ext.ts'),
  'status-list': () => import('./status-list.ts'),
  verifier: () => import('./verifier.ts'),
  'bbs-flow': () => import('./bbs-flow.ts'),
}

const wanted = process.argv.slice(2)
for (const [name, load] of Object.entries(sections)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue
  const mod = await load()
  await mod.run()
}
