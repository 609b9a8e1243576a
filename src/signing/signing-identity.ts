// The process's signing identity, opened once from the configuration (server.ts checks it at
// start and refuses to start on any problem; finalizing checks it again for expiry).
import type { Config } from '../config.ts'
import { signingFromConfig, type SigningIdentity } from './signing-config.ts'

let cached: { key: string; identity: SigningIdentity | undefined } | undefined

type SigningSettings = Pick<Config, 'signingP12' | 'signingP12Password'>

/** undefined when SIGNING_P12 is unset; throws SigningConfigError when it cannot sign. */
export function signingIdentity(config: SigningSettings): SigningIdentity | undefined {
  const key = `${config.signingP12 ?? ''}\u0000${config.signingP12Password ?? ''}`
  if (cached?.key !== key) cached = { key, identity: signingFromConfig(config) }
  return cached.identity
}
