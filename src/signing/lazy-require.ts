// The signing packages (node-forge, @signpdf/signer-p12, pkijs, asn1js: ~10 MB of heap and code)
// load on the first signature or signature check, not with the server: most servers never sign,
// and §10 holds the server's memory under the save load to 200 MB. They are CommonJS, so a
// synchronous require keeps the functions using them synchronous.
import { createRequire } from 'node:module'

const load = createRequire(import.meta.url)

/** `name`'s module, loaded on the first call. */
export function lazyRequire<T>(name: string): () => T {
  let mod: T | undefined
  return () => {
    mod ??= load(name) as T
    return mod
  }
}
