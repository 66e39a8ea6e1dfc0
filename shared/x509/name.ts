// Distinguished names for certificates: a bare display name becomes `CN=<name>`; an RFC 4514 string is kept.
import './provider.ts' // first: installs the reflect-metadata polyfill @peculiar/x509 needs at load
import { Name } from '@peculiar/x509'
import { EidError } from '../errors/index.ts'

const MAX_NAME = 256

/** Returns the RFC 4514 distinguished name for `name` (`'Registrar'` → `'CN=Registrar'`). */
export function toDistinguishedName(name: string, what: string): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME) {
    throw new EidError('invalid_request', `${what} must be a non-empty string of at most ${MAX_NAME} characters`)
  }
  if (/^[A-Za-z][A-Za-z0-9.-]*=/.test(name)) {
    try {
      new Name(name) // parsing is the check
    } catch {
      throw new EidError('invalid_request', `${what} is not a valid distinguished name`)
    }
    return name
  }
  return `CN=${name.replace(/([,+"\\<>;=#])/g, '\\$1')}`
}
