// docs/PRIVACY.md as the tool writes it: summary, chart, method, the exact command, and the tables.
import { BBS_HANDLES, SD_JWT_HANDLES } from './handles.ts'
import { renderTables, summaryLines } from './report.ts'
import type { LinkabilityReport } from './run.ts'

/** The command line that reproduces `r` (options that differ from the defaults). */
export function commandOf(argv: readonly string[]): string {
  return ['npm run linkability', ...(argv.length ? ['--', ...argv] : [])].join(' ')
}

export function renderDocument(r: LinkabilityReport, command: string, chartFile: string): string {
  const o = r.options
  const handles = (list: typeof SD_JWT_HANDLES): string => list.map((h) => `\`${h.name.replace(/`/g, '')}\` (${h.what.replace(/`/g, '')})`).join(', ')
  return `# Privacy, measured

Written by \`npm run linkability\` (scripts/linkability/); do not edit by hand, run it again. This run:

\`\`\`sh
${command}
\`\`\`

${o.people} people x ${o.services} services x ${o.visits} visits, seed ${o.seed}, wallet clocks spread ±${o.clockSpreadSeconds} s,
${r.revocations} revocations during the run (one every ${o.revocationGapSeconds} s of simulated time), the issuer's status epoch
${o.epochSeconds ? `${o.epochSeconds} s` : '0 (every change published at once; chance baseline over 900 s)'}, ${r.seconds.toFixed(0)} s on the machine that ran it.

## What it shows

${summaryLines(r).map((l) => (l.startsWith('  ') ? `  - ${l.trim()}` : `- ${l}`)).join('\n')}

![Same-person pairs joined by each handle that links beyond chance](${chartFile})

## Method

- **The world**: the real issuer (also the registrar) and one real verifier per service (the \`npm start\` wiring,
  scripts/lib/stack.ts), each service registered at the registrar for \`age_over_18\` only, on 127.0.0.1 ephemeral ports;
  ${o.people} synthetic adults enrolled at the issuer's desk API (about half with an address on file), each with a wallet-core
  wallet per SD-JWT policy measured, whose clock is off by a seeded offset in ±${o.clockSpreadSeconds} s. Everything a
  wallet, a service backend and the verifiers send is recorded from the wire (scripts/lib/fetch-recorder.ts). Keys,
  salts and proofs come from the services' own randomness; the seed fixes the schedule, clock offsets, birthdates and
  who is revoked, so the counts are reproducible.
- **The visits**: ${o.visits} rounds; each round visits every (person, service) pair in a seeded random order. A visit is
  a real OpenID4VP exchange: the service backend asks its verifier (\`POST /presentations\`), the wallet checks the
  request and answers with \`direct_post\`, the backend reads the result. Each visit is made once with the SD-JWT preset
  \`age_over_18\` per wallet policy and once with the BBS preset \`age_over_18_pseudonymous\`.
- **What the adversary holds**: every presentation each verifier received (the raw \`vp_token\` entry: the most a
  service that kept everything could store), the results the verifiers stored (their database files are grepped for
  each handle's values: column "in verifier DB"), every status list token polled after each revocation, and, with the
  issuer colluding, every credential the issuer handed out and to whom (its \`/credential\` responses; its database
  holds the status index of each too).
- **Handles tried**: SD-JWT: ${handles(SD_JWT_HANDLES)}, and status changes over time. BBS: ${handles(BBS_HANDLES)}.
  With the issuer colluding, a handle value found in exactly one person's issued credentials is replaced by that person.
- **A join** is the adversary's hypothesis that two presentations are one person's because they share a value of a
  handle. It is scored against the ground truth: *joined* = true joins / same-person pairs, *false joins* = joins of
  two different people. Pairs are counted across services (two services compare what they hold) and across visits of
  one service (a service recognises a returning person). *Beyond chance* = true joins − (same-person pairs / pairs) x
  all joins: 0 for a handle that joins everyone (one every credential shares) and for one that says nothing. *Anonymity
  set*: per presentation, the distinct people among the presentations it is joined with (itself included); median
  and minimum. "everyone" marks a handle every credential shares. Beyond chance counts only when the excess is
  significant: z >= 3, z = (true joins − chance x joins) / sqrt(joins x chance x (1 − chance)), an approximation
  (pairs that share a presentation are not independent); below that the excess is shown as 0 with its z. The last
  row of each table combines every handle that alone links beyond chance: the adversary's best hypothesis.
- **Status changes**: the issuer publishes status list changes at epoch boundaries (\`statusEpochSeconds\`,
  \`STATUS_EPOCH_SECONDS\`; here ${o.epochSeconds} s, 0 = at once). After each revocation, and once after the last
  epoch boundary, the adversary polls every status list; presentations whose status entry flipped in the same poll are
  joined. The baseline is chance within an epoch: same-person pairs among all pairs of flipped presentations of
  persons revoked in the same ${o.epochSeconds || 900} s epoch. With epochs working, the status changes join no better than it.
- **Pseudonym stability** (BBS): after the visits, service 1 renews its registration with the same key, service 2
  rotates its request-signing key (re-registers with a new one), and every non-revoked person's wallet accepts a second
  offer; each person then visits the service concerned again, and the pseudonym is compared with the one it saw before.
- **Not modelled**: network addresses, TLS fingerprints and real-world timing (visits here run one after another);
  disclosed values beyond \`age_over_18\` (a service asking for more gets more to join on); wallets topping up batches
  in the background.
## Tables

${renderTables(r)}`
}
