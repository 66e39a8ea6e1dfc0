// Claim and credential names for a credential type the wallet holds, from its issuer's stored display metadata.
import type { ClaimsPath, IssuerDisplay } from '../core/index.ts'
import { claimLabel, configurationDisplay, credentialName, issuerName, samePath } from '../i18n/claims.ts'
import type { Locale } from '../i18n/locale.ts'

export interface TypeLabels {
  credential: string
  issuer: string
  claim(path: ClaimsPath): string
}

/** Labels of credential type `vct` (from `issuer` when known, else whichever stored issuer describes that type). */
export function typeLabels(displays: Record<string, IssuerDisplay>, vct: string, issuer: string | undefined, locale: Locale): TypeLabels {
  const own = issuer !== undefined && Object.hasOwn(displays, issuer) ? displays[issuer] : undefined
  const [iss, display] =
    own !== undefined && issuer !== undefined
      ? [issuer, own]
      : (Object.entries(displays).find(([, d]) => configurationDisplay(d, undefined, vct) !== undefined) ?? [issuer ?? '', undefined])
  const config = configurationDisplay(display, undefined, vct)
  return {
    credential: credentialName(config, locale),
    issuer: issuerName(display, iss, locale),
    claim: (path) => claimLabel(config, path, locale),
  }
}

/** A claim's label when the credential type is not known (a refused request): the first stored type that names it. */
export function anyClaimLabel(displays: Record<string, IssuerDisplay>, path: ClaimsPath, locale: Locale): string {
  const config = Object.values(displays)
    .flatMap((d) => Object.values(d.configurations))
    .find((c) => c.claims.some((claim) => samePath(claim.path, path)))
  return claimLabel(config, path, locale)
}
