// Starts the server (§8): reads the environment, opens and migrates the database, loads the
// catalogs (a bad one stops start-up, naming the file), makes sure there is a first admin,
// listens, and stops cleanly on SIGINT/SIGTERM (fastify first, then the database).
import { join } from 'node:path'
import { buildApp } from './app.ts'
import { CatalogRegistry } from './catalogs/catalog-registry.ts'
import { databaseProblemMessage } from './cli/messages.ts'
import { databaseTarget, loadConfig } from './config.ts'
import { closeDb, DatabaseOpenError, openDb } from './db/create-db.ts'
import { sessionRepository } from './db/session-repository.ts'
import { ValidationError } from './domain/issues.ts'
import { closeRenderPool } from './report/render-pool.ts'
import { SigningConfigError } from './signing/signing-config.ts'
import { signingIdentity } from './signing/signing-identity.ts'
import { ensureFirstAdmin, sessionSigningKey } from './services/index.ts'

async function main(): Promise<void> {
  const config = loadConfig()
  // A signing configuration that cannot sign (§14) stops start-up, naming the problem.
  try {
    signingIdentity(config)
  } catch (err) {
    if (err instanceof SigningConfigError) {
      console.error(`Cấu hình ký số không hợp lệ / invalid signing configuration:\n${err.message}`)
      process.exit(1)
    }
    throw err
  }
  let catalogs: CatalogRegistry
  try {
    catalogs = await CatalogRegistry.fromDir(config.criteriaDir)
  } catch (err) {
    if (err instanceof ValidationError) {
      console.error(`Bộ tiêu chí không hợp lệ / invalid catalog:\n${err.message}`)
      process.exit(1)
    }
    throw err
  }
  let db: Awaited<ReturnType<typeof openDb>>
  try {
    db = await openDb(databaseTarget(config))
  } catch (err) {
    // §15: an unreachable database, refused credentials, a newer schema → named, exit 1.
    if (err instanceof DatabaseOpenError) {
      console.error(`${databaseProblemMessage('vi', err)}\n${databaseProblemMessage('en', err)}`)
      process.exit(1)
    }
    throw err
  }
  const admin = await ensureFirstAdmin(db, config.adminUsername, config.adminPassword)
  if (admin.created && admin.password) {
    // Printed once, on the terminal only: it is never stored in clear anywhere.
    console.log(`Tài khoản quản trị / admin account: ${config.adminUsername}  mật khẩu / password: ${admin.password}`)
  }
  // The cookies' signing key is in the database (§15): every app server on it signs alike. The
  // first start after the upgrade adopts DATA_DIR/session-key, so existing sessions survive.
  const legacyFile = join(config.dataDir, 'session-key')
  const sessionKey = await sessionSigningKey(db, { legacyFile })
  const app = await buildApp(config, { db, catalogs, sessionSecret: sessionKey.key })
  if (sessionKey.origin === 'file') app.log.info({ file: legacyFile }, 'session key adopted from the file into the database (app_secrets): the database\'s key is used from now on, the file can be deleted')
  else if (sessionKey.fileIgnored) app.log.warn({ file: legacyFile }, 'session key file ignored: the key in the database (app_secrets) signs the sessions; the file can be deleted')
  // Expired sessions leave the table at start and then hourly (a session is 12 hours at most).
  const sessions = sessionRepository(db)
  const prune = () => sessions.prune().catch((err: unknown) => app.log.warn({ err }, 'pruning sessions failed'))
  await prune()
  const pruning = setInterval(prune, 3600_000)
  pruning.unref()

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    app.log.info({ signal }, 'stopping')
    try {
      clearInterval(pruning)
      await app.close()
      await closeRenderPool()
      await closeDb(db)
      process.exit(0)
    } catch (err) {
      console.error(err)
      process.exit(1)
    }
  }
  process.once('SIGINT', () => void stop('SIGINT'))
  process.once('SIGTERM', () => void stop('SIGTERM'))

  await app.listen({ host: config.host, port: config.port })
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
