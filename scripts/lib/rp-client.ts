// The relying party's backend talking to its verifier: create a presentation request, read its result.
export interface CreatedPresentation {
  id: string
  request_uri: string
  authorization_request: string
  qr_svg?: string
}

export interface PresentationResult {
  status: 'pending' | 'verified' | 'rejected' | 'expired'
  claims?: Record<string, unknown>
  error?: string
}

/** `POST /presentations` with the API key; throws with the verifier's answer unless 201. */
export async function createPresentation(verifierUrl: string, apiKey: string, body: unknown): Promise<CreatedPresentation> {
  const res = await fetch(`${verifierUrl}/presentations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(body),
  })
  const json = (await res.json()) as Record<string, unknown>
  if (res.status !== 201) throw Object.assign(new Error(`POST /presentations answered ${res.status}: ${JSON.stringify(json)}`), { status: res.status, body: json })
  return json as unknown as CreatedPresentation
}

/** `GET /presentations/:id` with the API key. */
export async function presentationResult(verifierUrl: string, apiKey: string, id: string): Promise<PresentationResult> {
  const res = await fetch(`${verifierUrl}/presentations/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${apiKey}` } })
  const json = (await res.json()) as unknown
  if (res.status !== 200) throw new Error(`GET /presentations/${id} answered ${res.status}: ${JSON.stringify(json)}`)
  return json as PresentationResult
}
