// Named DCQL queries (OpenID4VP 1.0 §6) for the PID credential: what a relying party asks for by preset.
import type { ClaimsPath } from '../registration/index.ts'

export const PRESET_NAMES = ['age_over_18', 'age_over_21', 'age_over_65', 'region', 'name', 'kyc'] as const
export type PresetName = (typeof PRESET_NAMES)[number]

/** Claims paths per preset. `kyc` carries the national ID number: only for a service registered for it. */
export const PRESET_CLAIMS: Readonly<Record<PresetName, readonly ClaimsPath[]>> = {
  age_over_18: [['age_over_18']],
  age_over_21: [['age_over_21']],
  age_over_65: [['age_over_65']],
  region: [['region']],
  name: [['given_name'], ['family_name']],
  kyc: [['given_name'], ['family_name'], ['birthdate'], ['national_id']],
}

/**
 * Presets that ask a yes/no question: their claim query carries `values: [true]` (OpenID4VP 1.0 §6.3),
 * so a wallet holding `false` has no matching credential and the verifier refuses any other value
 * (`claim_value_mismatch`). `verified` then means the answer is yes.
 */
export const YES_NO_PRESETS: readonly PresetName[] = ['age_over_18', 'age_over_21', 'age_over_65']

/** The credential query id presets use. */
export const PRESET_CREDENTIAL_ID = 'pid'

/** The DCQL query of preset `name` for an SD-JWT VC of type `vct` (the PID `vct` from shared/pid). */
export function presetQuery(name: PresetName, vct: string): { credentials: [{ id: string; format: 'dc+sd-jwt'; meta: { vct_values: string[] }; claims: { path: ClaimsPath; values?: true[] }[] }] } {
  const yesNo = YES_NO_PRESETS.includes(name)
  return {
    credentials: [{
      id: PRESET_CREDENTIAL_ID,
      format: 'dc+sd-jwt',
      meta: { vct_values: [vct] },
      claims: PRESET_CLAIMS[name].map((path) => (yesNo ? { path: [...path], values: [true as const] } : { path: [...path] })),
    }],
  }
}

/** True when `name` is a preset. */
export function isPresetName(name: unknown): name is PresetName {
  return typeof name === 'string' && (PRESET_NAMES as readonly string[]).includes(name)
}
