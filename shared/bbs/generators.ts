// create_generators (draft-irtf-cfrg-bbs-signatures-09 §4.1.1), cached per ciphersuite and api_id.
import { EidError } from '../errors/index.ts'
import type { Ciphersuite, G1Point } from './ciphersuite.ts'
import { ascii, concat, i2osp } from './octets.ts'

/** Upper bound on generators created per call, bounding attacker-controlled work (a proof's U + R + 1). */
export const MAX_GENERATORS = 4097

interface GeneratorCache {
  v: Uint8Array
  points: G1Point[]
}

const caches = new Map<string, GeneratorCache>()

function cacheKey(suite: Ciphersuite, apiId: Uint8Array): string {
  return `${suite.name}|${Buffer.from(apiId).toString('hex')}`
}

/**
 * `create_generators(count, api_id)`: the first `count` generators for this suite and `api_id`.
 * Points are cached (and extended from the cached `v`), so repeated calls cost nothing; the
 * returned array is a fresh copy the caller may slice. For the core interface the first point is
 * `Q_1` and the next `L` are `H_1..H_L`.
 */
export function createGenerators(suite: Ciphersuite, count: number, apiId: Uint8Array): G1Point[] {
  if (!Number.isSafeInteger(count) || count < 0 || count > MAX_GENERATORS) {
    throw new EidError('bbs_invalid_message_count', `generator count must be 0..${MAX_GENERATORS}`)
  }
  const key = cacheKey(suite, apiId)
  let cache = caches.get(key)
  const seedDst = concat(apiId, ascii('SIG_GENERATOR_SEED_'))
  if (cache === undefined) {
    const seed = concat(apiId, ascii('MESSAGE_GENERATOR_SEED'))
    cache = { v: suite.expandMessage(seed, seedDst, suite.expandLen), points: [] }
    caches.set(key, cache)
  }
  if (cache.points.length < count) {
    const generatorDst = concat(apiId, ascii('SIG_GENERATOR_DST_'))
    for (let i = cache.points.length + 1; i <= count; i++) {
      cache.v = suite.expandMessage(concat(cache.v, i2osp(i, 8)), seedDst, suite.expandLen)
      cache.points.push(suite.hashToCurveG1(cache.v, generatorDst))
    }
  }
  return cache.points.slice(0, count)
}
