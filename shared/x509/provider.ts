// Binds @peculiar/x509 to the platform WebCrypto once, so every certificate operation uses native crypto.
import './reflect-metadata.ts'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(globalThis.crypto)

export { x509 }
