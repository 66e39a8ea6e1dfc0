// The consent wording for a BBS presentation's pseudonym (shown in the CLI and on the web consent page).

/** The consent line of the pseudonym: that one is shared, and that it is specific to this service. */
export function pseudonymConsentText(serviceName: string): string {
  return `a pseudonym specific to ${serviceName}: it recognises you when you return, but it is different at every other service, so no other service can link it to you`
}
