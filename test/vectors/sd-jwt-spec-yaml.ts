// Reads the generator inputs (`specification.yml`) of the SD-JWT spec repositories: `!sd` tags become our DisclosureFrame.
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import type { ClaimsPath, DisclosureFrame } from '../../shared/sdjwt/index.ts'

interface YamlType { new (tag: string, opts: { kind: string; construct: (data: unknown) => unknown }): unknown }
interface JsYaml {
  load(src: string, opts?: { schema?: unknown }): unknown
  Type: YamlType
  DEFAULT_SCHEMA: { extend(types: unknown[]): unknown }
}
// js-yaml is present through eslint's dependency tree; it is only used here, by tests.
const yaml = createRequire(import.meta.url)('js-yaml') as JsYaml

const MARK = '\u0001sd\u0001'
const WRAP = '\u0001sd-node\u0001'
const schema = yaml.DEFAULT_SCHEMA.extend([
  new yaml.Type('!sd', { kind: 'scalar', construct: (data) => `${MARK}${data === null ? 'null' : String(data)}` }),
  new yaml.Type('!sd', { kind: 'mapping', construct: (data) => ({ [WRAP]: data ?? {} }) }),
  new yaml.Type('!sd', { kind: 'sequence', construct: (data) => ({ [WRAP]: data ?? [] }) }),
])

/** A parsed specification.yml. */
export interface Spec {
  user_claims: Record<string, unknown>
  holder_disclosed_claims?: unknown
  expect_verified_user_claims?: Record<string, unknown>
  key_binding?: boolean
  add_decoy_claims?: boolean
  serialization_format?: string
  [k: string]: unknown
}

export function loadSpec(file: URL): Spec {
  return yaml.load(readFileSync(file, 'utf8'), { schema }) as Spec
}

function isMarked(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith(MARK)
}

function isWrapped(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.hasOwn(v, WRAP)
}

/** Unwraps one node: whether it was tagged `!sd`, and its plain value. */
function unwrap(v: unknown): { sd: boolean; node: unknown } {
  if (isMarked(v)) return { sd: true, node: yaml.load(v.slice(MARK.length)) ?? null }
  if (isWrapped(v)) return { sd: true, node: v[WRAP] }
  return { sd: false, node: v }
}

/** Converts tagged YAML claims into plain claims and the frame marking the `!sd` properties and elements. */
export function claimsAndFrame(v: unknown): { value: unknown; frame: DisclosureFrame | undefined } {
  if (Array.isArray(v)) {
    const frame: DisclosureFrame = {}
    const value = v.map((el, i) => {
      const { sd, node } = unwrap(el)
      const inner = claimsAndFrame(node)
      if (sd) (frame._sd ??= []).push(i)
      if (inner.frame) frame[String(i)] = inner.frame
      return inner.value
    })
    return { value, frame: Object.keys(frame).length > 0 ? frame : undefined }
  }
  if (typeof v === 'object' && v !== null) {
    const frame: DisclosureFrame = {}
    const value: Record<string, unknown> = {}
    for (const [k, raw] of Object.entries(v)) {
      const keySd = isMarked(k)
      const name = keySd ? k.slice(MARK.length) : k
      const { sd, node } = unwrap(raw)
      const inner = claimsAndFrame(node)
      if (keySd || sd) (frame._sd ??= []).push(name)
      if (inner.frame) frame[name] = inner.frame
      value[name] = inner.value
    }
    return { value, frame: Object.keys(frame).length > 0 ? frame : undefined }
  }
  return { value: v, frame: undefined }
}

/** Turns a `holder_disclosed_claims` mirror into claims paths (true/yes = disclose). */
export function holderPaths(mirror: unknown, prefix: ClaimsPath = []): ClaimsPath[] {
  if (mirror === true || mirror === 'yes') return prefix.length > 0 ? [prefix] : []
  if (Array.isArray(mirror)) return mirror.flatMap((m, i) => holderPaths(m, [...prefix, i]))
  if (typeof mirror === 'object' && mirror !== null) return Object.entries(mirror).flatMap(([k, m]) => holderPaths(m, [...prefix, k]))
  return []
}
