// The environment (§8) → a frozen, validated config. Read once by server.ts and cli.ts.
import { resolve } from 'node:path'
import { z } from 'zod'

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  REPORTS_DIR: z.string().min(1).default('./reports'),
  ADMIN_USERNAME: z.string().min(1).default('admin'),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  /** The catalogs directory; the bundled `criteria/` by default (tests point it elsewhere). */
  CRITERIA_DIR: z.string().min(1).optional(),
  /** §15: a `postgres://` URL runs on PostgreSQL instead of SQLite in DATA_DIR. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/./i, 'expected a postgres:// URL').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Set when the app runs behind TLS (reverse proxies): cookies become Secure, and the client's
   * address is taken from X-Forwarded-For through this many proxy hops only (`true` = 1).
   */
  /** The agency's PKCS#12 file and its password (§14): finalized reports are signed. */
  SIGNING_P12: z.string().min(1).optional(),
  SIGNING_P12_PASSWORD: z.string().optional(),
  TRUST_PROXY: z.union([z.enum(['true', 'false']), z.string().regex(/^\d{1,2}$/)]).default('0')
    .transform((v) => (v === 'true' ? 1 : v === 'false' ? 0 : Number(v))),
})

export interface Config {
  readonly port: number
  readonly host: string
  readonly dataDir: string
  readonly reportsDir: string
  readonly criteriaDir: string
  readonly adminUsername: string
  readonly adminPassword: string | undefined
  readonly logLevel: string
  /** DATABASE_URL (§15): PostgreSQL; unset → SQLite in DATA_DIR. */
  readonly databaseUrl?: string | undefined
  readonly secureCookies: boolean
  /** Proxy hops whose X-Forwarded-For is trusted (0: none, the socket's address is the client's). */
  readonly trustProxyHops: number
  /** SIGNING_P12 (absolute) and its password: unset → reports carry an empty signature field (§14). */
  readonly signingP12?: string | undefined
  readonly signingP12Password?: string | undefined
}

export const PROJECT_ROOT = resolve(import.meta.dirname, '..')

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Cấu hình không hợp lệ / invalid configuration:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    reportsDir: resolve(e.REPORTS_DIR),
    criteriaDir: e.CRITERIA_DIR ? resolve(e.CRITERIA_DIR) : resolve(PROJECT_ROOT, 'criteria'),
    adminUsername: e.ADMIN_USERNAME,
    adminPassword: e.ADMIN_PASSWORD,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    secureCookies: e.TRUST_PROXY > 0,
    trustProxyHops: e.TRUST_PROXY,
    signingP12: e.SIGNING_P12 ? resolve(e.SIGNING_P12) : undefined,
    signingP12Password: e.SIGNING_P12_PASSWORD,
  })
}

/** What the server and the CLI open (§8, §15): DATABASE_URL when set, else the SQLite file in DATA_DIR. */
export function databaseTarget(config: Pick<Config, 'dataDir' | 'databaseUrl'>): string {
  return config.databaseUrl ?? databaseFile(config)
}

/** The SQLite database file inside DATA_DIR (§8): the server and the CLI open the same one. */
export function databaseFile(config: Pick<Config, 'dataDir'>): string {
  return resolve(config.dataDir, 'eoffice-eval.sqlite')
}
