// server.ts (§8) as a child process: first start creates the admin (password printed once) and
// the session signing key in the database (§15: shared by every app server on it, not a file in
// DATA_DIR); the server answers; SIGTERM stops it cleanly; a second start prints no password and
// keeps the key; an old DATA_DIR/session-key is adopted; a bad catalog stops start-up naming the file.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../src/config.ts'
import { closeDb, openDb } from '../../src/db/create-db.ts'

const TSX = join(PROJECT_ROOT, 'node_modules/.bin/tsx')
const dirs: string[] = []
const temp = () => { const d = mkdtempSync(join(tmpdir(), 'eoffice-server-')); dirs.push(d); return d }
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

interface Started { child: ChildProcess; url: string; out: string }

/** As `npm start` runs it: built to dist/ (`npm run build`), then plain node. */
const BUILT = [process.execPath, 'dist/server.js'] as const
const SOURCE = [TSX, 'src/server.ts'] as const

function start(env: Record<string, string>, [cmd, script]: readonly [string, string] = SOURCE): Promise<Started> {
  const child = spawn(cmd, [script], { cwd: PROJECT_ROOT, env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env } })
  let out = ''
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString()
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m) resolve({ child, url: m[1]!, out })
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => reject(Object.assign(new Error(`exited ${code}: ${out}`), { code, out })))
  })
}

/** The session signing key the server stored in DATA_DIR's database (read with the server stopped). */
async function storedKey(dataDir: string): Promise<string> {
  const db = await openDb(join(dataDir, 'eoffice-eval.sqlite'))
  try {
    return (await db.selectFrom('app_secrets').select('session_key').executeTakeFirstOrThrow()).session_key
  } finally {
    await closeDb(db)
  }
}

const stop = (child: ChildProcess) => new Promise<number | null>((resolve) => { child.on('exit', (code) => resolve(code)); child.kill('SIGTERM') })

describe('server.ts', () => {
  beforeAll(() => { execFileSync('npm', ['run', '--silent', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' }) })

  it('built as npm start runs it: starts, creates the first admin once, keeps its session key, stops cleanly on SIGTERM', async () => {
    const dataDir = temp()
    const first = await start({ DATA_DIR: dataDir }, BUILT)
    expect(first.out).toMatch(/mật khẩu \/ password: \S{12,}/)
    const res = await fetch(`${first.url}/login`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Đăng nhập')
    expect(await stop(first.child)).toBe(0)
    // The key is in the database, no longer a file of DATA_DIR.
    expect(existsSync(join(dataDir, 'session-key'))).toBe(false)
    const key = await storedKey(dataDir)
    expect(key).toMatch(/^[0-9a-f]{64}$/)

    const second = await start({ DATA_DIR: dataDir }, BUILT)
    expect(second.out).not.toMatch(/password:/)
    expect(await stop(second.child)).toBe(0)
    expect(await storedKey(dataDir)).toBe(key)
  })

  it('the first start after the upgrade adopts DATA_DIR/session-key into the database, and says so', async () => {
    const dataDir = temp()
    const old = 'ab'.repeat(32)
    writeFileSync(join(dataDir, 'session-key'), `${old}\n`, { mode: 0o600 })
    const started = await start({ DATA_DIR: dataDir })
    expect(await stop(started.child)).toBe(0)
    expect(started.out).toContain('session key adopted from the file into the database')
    expect(await storedKey(dataDir)).toBe(old)
  })

  it('the built report worker renders: node dist/cli.js demo, then report', () => {
    const env = { ...process.env, DATA_DIR: temp() }
    const id = execFileSync(process.execPath, ['dist/cli.js', 'demo'], { cwd: PROJECT_ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    const out = join(temp(), 'report.pdf')
    execFileSync(process.execPath, ['dist/cli.js', 'report', id, '--out', out], { cwd: PROJECT_ROOT, env, stdio: 'ignore' })
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
  })

  it('a bad catalog stops start-up with a message naming the file', async () => {
    const criteria = temp()
    mkdirSync(criteria, { recursive: true })
    writeFileSync(join(criteria, 'hong.yaml'), 'id: hong\nversion: 1.0.0\ncriteria: 12\n')
    const err = await start({ DATA_DIR: temp(), CRITERIA_DIR: criteria }).then(
      () => { throw new Error('started with a bad catalog') },
      (e: { code: number; out: string }) => e,
    )
    expect(err.code).toBe(1)
    expect(err.out).toContain('hong.yaml')
    expect(err.out).toContain('Bộ tiêu chí không hợp lệ')
  })
})
