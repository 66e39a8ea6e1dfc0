// Binds @peculiar/x509 to the platform WebCrypto once (its tsyringe container needs the reflect-metadata polyfill first).
import 'reflect-metadata'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(globalThis.crypto)

export { x509 }
