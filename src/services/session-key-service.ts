// The key that signs session cookies (§7, §15, issue #14), read once at server start. It lives
// in the database (`app_secrets`), so every app server on one database — each with its own
// DATA_DIR — signs and checks cookies with the same key, and a session made through one server
// is good on the others. Before, it lived in DATA_DIR/session-key: the first start after the
// upgrade adopts that file's key, so people signed in before the upgrade stay signed in.
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { sessionKeyOrCreate } from '../db/app-secret-repository.ts'
import type { Db } from '../db/database.ts'

/** @fastify/session refuses a shorter secret; the keys made here are 64 hex digits. */
export const SESSION_KEY_MIN_LENGTH = 32

export interface SessionSigningKey {
  readonly key: string
  /** `database`: there already; `file`: adopted from the legacy file now; `new`: made now. */
  readonly origin: 'database' | 'file' | 'new'
  /** The legacy file exists but its key is not the one in use (too short, or the database had one): it can be deleted. */
  readonly fileIgnored: boolean
}

/** The legacy DATA_DIR/session-key file's key, trimmed; undefined when there is no such file. */
function legacyKey(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim()
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
}

/**
 * The session signing key: the database's, or, on the first start, stored there — the legacy
 * file's key when `legacyFile` holds one of at least 32 characters, else 64 random hex digits.
 * Safe when several servers start at once on one database: one key is stored and all get it.
 */
export async function sessionSigningKey(db: Db, o: { legacyFile?: string; now?: Date } = {}): Promise<SessionSigningKey> {
  const fromFile = o.legacyFile === undefined ? undefined : legacyKey(o.legacyFile)
  const usable = fromFile !== undefined && fromFile.length >= SESSION_KEY_MIN_LENGTH ? fromFile : undefined
  const candidate = usable ?? randomBytes(32).toString('hex')
  const stored = await sessionKeyOrCreate(db, candidate, (o.now ?? new Date()).toISOString())
  if (stored.key.length < SESSION_KEY_MIN_LENGTH) {
    // Only an edit behind the application's back makes this: say what to do rather than start with a weak key.
    throw new Error(
      `Khóa ký phiên đăng nhập trong bảng app_secrets ngắn hơn ${SESSION_KEY_MIN_LENGTH} ký tự; xóa dòng đó để máy chủ tạo khóa mới.\n` +
      `The session signing key in the app_secrets table is shorter than ${SESSION_KEY_MIN_LENGTH} characters; delete that row and the server makes a new key.`,
    )
  }
  const origin = !stored.created ? 'database' : usable !== undefined ? 'file' : 'new'
  return { key: stored.key, origin, fileIgnored: fromFile !== undefined && stored.key !== fromFile }
}
