// Command-line options of `npm run linkability`: population, adversary view, revocations, wallet policies, output.
import { EidError } from '../../shared/errors/index.ts'

/** The wallet's choice of SD-JWT credential per presentation (WalletConfig.sdJwtPolicy). */
export type SdJwtPolicy = 'once-only' | 'per-service'
export const SD_JWT_POLICIES: readonly SdJwtPolicy[] = ['once-only', 'per-service']

/** Whose records the colluding adversary joins: the services' only, or the services' and the issuer's. */
export type AdversaryView = 'verifiers' | 'verifiers+issuer'

export interface LinkabilityOptions {
  seed: number
  people: number
  services: number
  visits: number
  /** Persons revoked during the run (between visit rounds), each followed by a status list poll. */
  revocations: number
  /** Simulated seconds between two revocations. */
  revocationGapSeconds: number
  /**
   * The issuer's status epoch (IssuerConfig.statusEpochSeconds): status list changes are published at its boundaries;
   * 0 publishes each change at once. Also the epoch of the "chance within an epoch" baseline (900 s when 0).
   */
  epochSeconds: number
  /** Wallet clocks are spread uniformly over ±this many seconds. */
  clockSpreadSeconds: number
  adversary: AdversaryView[]
  policies: SdJwtPolicy[]
  /** Run the pseudonym stability phase (re-registration, key rotation, second offer). */
  stability: boolean
  /** Where to write the report (markdown with an inline SVG chart); undefined: nothing written. */
  out?: string
  /** Where to write every observation (JSON lines: the raw presentation, what was stored, and the ground truth). */
  dump?: string
  quick: boolean
}

export const DEFAULTS: LinkabilityOptions = {
  seed: 15,
  people: 24,
  services: 6,
  visits: 3,
  revocations: 6,
  revocationGapSeconds: 300,
  epochSeconds: 900,
  clockSpreadSeconds: 40,
  adversary: ['verifiers', 'verifiers+issuer'],
  policies: [...SD_JWT_POLICIES],
  stability: true,
  out: 'docs/PRIVACY.md',
  quick: false,
}

/** The epoch of the chance baseline (and of the run's revocation schedule): the issuer's, or 900 s when it has none. */
export const baselineEpoch = (o: LinkabilityOptions): number => o.epochSeconds || 900

/** `--quick`: a population that finishes in well under 30 s on a shared 2-core machine; writes nothing unless `--out`. */
export const QUICK: Partial<LinkabilityOptions> = { people: 5, services: 3, visits: 2, revocations: 2, out: undefined, quick: true }

export const USAGE = `usage: npm run linkability -- [--quick] [--people P] [--services S] [--visits V] [--seed N]
       [--adversary verifiers|verifiers+issuer|both] [--revocations N] [--revocation-gap SECONDS] [--epoch SECONDS]
       [--clock-spread SECONDS] [--policy once-only|per-service|both] [--no-stability] [--out FILE | --no-write] [--dump FILE]`

function int(name: string, v: string | undefined, min: number, max: number): number {
  const n = Number(v)
  if (v === undefined || !Number.isInteger(n) || n < min || n > max) throw new EidError('invalid_request', `${name} must be an integer from ${min} to ${max}`)
  return n
}

/** Parses `argv` (without node and the script); `invalid_request` names the option that is wrong. */
export function parseOptions(argv: readonly string[]): LinkabilityOptions {
  const o: LinkabilityOptions = argv.includes('--quick') ? { ...DEFAULTS, ...QUICK } : { ...DEFAULTS }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const next = (): string | undefined => argv[++i]
    switch (a) {
      case '--quick': break
      case '--people': o.people = int(a, next(), 2, 500); break
      case '--services': o.services = int(a, next(), 2, 50); break
      case '--visits': o.visits = int(a, next(), 1, 20); break
      case '--seed': o.seed = int(a, next(), 0, 2 ** 31); break
      case '--revocations': o.revocations = int(a, next(), 0, 500); break
      case '--revocation-gap': o.revocationGapSeconds = int(a, next(), 1, 86_400); break
      case '--epoch': o.epochSeconds = int(a, next(), 0, 86_400); break
      case '--clock-spread': o.clockSpreadSeconds = int(a, next(), 0, 3600); break
      case '--no-stability': o.stability = false; break
      case '--no-write': o.out = undefined; break
      case '--out':
      case '--dump': {
        const v = next()
        if (v === undefined || v.startsWith('--')) throw new EidError('invalid_request', `${a} needs a file`)
        if (a === '--out') o.out = v
        else o.dump = v
        break
      }
      case '--adversary': {
        const v = next()
        if (v === 'both') o.adversary = ['verifiers', 'verifiers+issuer']
        else if (v === 'verifiers' || v === 'verifiers+issuer') o.adversary = [v]
        else throw new EidError('invalid_request', '--adversary must be verifiers, verifiers+issuer or both')
        break
      }
      case '--policy': {
        const v = next()
        if (v === 'both') o.policies = [...SD_JWT_POLICIES]
        else if (v === 'once-only' || v === 'per-service') o.policies = [v]
        else throw new EidError('invalid_request', '--policy must be once-only, per-service or both')
        break
      }
      default:
        throw new EidError('invalid_request', `unknown option ${String(a).slice(0, 40)}\n${USAGE}`)
    }
  }
  if (o.revocations > o.people) throw new EidError('invalid_request', '--revocations must not exceed --people')
  return o
}
