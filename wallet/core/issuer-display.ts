// Issuer display metadata kept in the wallet (OpenID4VCI 1.0 §12.2.4 `display`, Appendix B.2 `credential_metadata`):
// names of the issuer, its credentials and their claims, locale by locale, stored at accept for the wallet's own pages.
import { z } from 'zod'

const color = z.string().regex(/^#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?$/)
/** Logos are kept only as small inline images: showing one must never contact the issuer. */
const inlineLogo = z.strictObject({
  uri: z.string().max(65_536).regex(/^data:image\/(?:png|jpeg|webp);base64,[A-Za-z0-9+/]+=*$/),
  alt_text: z.string().max(256).optional(),
})

export const DisplayEntrySchema = z.strictObject({
  name: z.string().min(1).max(256),
  locale: z.string().max(35).optional(),
  description: z.string().max(1024).optional(),
  background_color: color.optional(),
  text_color: color.optional(),
  logo: inlineLogo.optional(),
})
export type DisplayEntry = z.infer<typeof DisplayEntrySchema>

const claimsPath = z.array(z.union([z.string().max(256), z.number().int().min(0), z.null()])).min(1).max(16)

export const IssuerDisplaySchema = z.strictObject({
  display: z.array(DisplayEntrySchema).max(32),
  /** By credential configuration id. */
  configurations: z.record(
    z.string().max(256),
    z.strictObject({
      vct: z.string().max(2048).optional(),
      display: z.array(DisplayEntrySchema).max(32),
      claims: z.array(z.strictObject({ path: claimsPath, display: z.array(DisplayEntrySchema).max(32) })).max(256),
    }),
  ),
})
export type IssuerDisplay = z.infer<typeof IssuerDisplaySchema>

/** The display entries of a metadata `display` array that are well formed (others, and remote logos, are dropped). */
function displayEntries(value: unknown): DisplayEntry[] {
  if (!Array.isArray(value)) return []
  const out: DisplayEntry[] = []
  for (const item of value.slice(0, 32)) {
    if (typeof item !== 'object' || item === null) continue
    const e = item as Record<string, unknown>
    const logo = inlineLogo.safeParse(e.logo)
    const parsed = DisplayEntrySchema.safeParse({
      name: e.name,
      locale: e.locale,
      description: e.description,
      background_color: color.safeParse(e.background_color).success ? e.background_color : undefined,
      text_color: color.safeParse(e.text_color).success ? e.text_color : undefined,
      logo: logo.success ? logo.data : undefined,
    })
    if (parsed.success) out.push(Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as DisplayEntry)
  }
  return out
}

/**
 * Extracts the display metadata of Credential Issuer Metadata (already checked by `parseIssuerMetadata`).
 * Lenient: a malformed display entry is left out rather than refusing the issuance.
 */
export function issuerDisplayFrom(metadata: unknown): IssuerDisplay {
  const md = (typeof metadata === 'object' && metadata !== null ? metadata : {}) as Record<string, unknown>
  const configs = (typeof md.credential_configurations_supported === 'object' && md.credential_configurations_supported !== null
    ? md.credential_configurations_supported
    : {}) as Record<string, unknown>
  const configurations: IssuerDisplay['configurations'] = {}
  for (const [id, raw] of Object.entries(configs).slice(0, 64)) {
    if (typeof raw !== 'object' || raw === null || id.length > 256) continue
    const c = raw as Record<string, unknown>
    const cm = (typeof c.credential_metadata === 'object' && c.credential_metadata !== null ? c.credential_metadata : {}) as Record<string, unknown>
    const claims: IssuerDisplay['configurations'][string]['claims'] = []
    for (const claim of Array.isArray(cm.claims) ? cm.claims.slice(0, 256) : []) {
      const path = claimsPath.safeParse((claim as Record<string, unknown> | null)?.path)
      if (path.success) claims.push({ path: path.data, display: displayEntries((claim as Record<string, unknown>).display) })
    }
    configurations[id] = {
      ...(typeof c.vct === 'string' && c.vct.length <= 2048 ? { vct: c.vct } : {}),
      display: displayEntries(cm.display ?? c.display),
      claims,
    }
  }
  return { display: displayEntries(md.display), configurations }
}
