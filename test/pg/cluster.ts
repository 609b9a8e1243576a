// A throwaway PostgreSQL cluster (§15) for the tests and the benchmark: initdb into a temporary
// directory, started on a free local TCP port (no Unix socket, no system service), removed when
// stopped. The binaries are Debian's (`apt-get install postgresql`): PG_BIN, or the newest
// /usr/lib/postgresql/<version>/bin. PostgreSQL refuses to run as root, so as root the cluster
// runs as the `postgres` user the Debian package creates.
import { execFileSync, spawn } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Where initdb, pg_ctl and postgres are, or undefined. */
export function findPgBin(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env.PG_BIN ? [env.PG_BIN] : listVersions().map((v) => `/usr/lib/postgresql/${v}/bin`)
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')))
}

function listVersions(): string[] {
  try {
    return readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))
  } catch {
    return []
  }
}

/** The superuser's password of every throwaway cluster (they listen on 127.0.0.1 only). */
const PASSWORD = 'throwaway'

export function clusterUrl(port: number, database: string): string {
  return `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`
}

export const PG_MISSING = 'PostgreSQL binaries not found: install Debian\'s `postgresql` package (apt-get install postgresql) or set PG_BIN to the directory holding initdb and pg_ctl'

export interface Cluster {
  readonly port: number
  readonly dir: string
  /** A `postgres://` URL of `database` on this cluster (superuser `postgres`, its password in the URL). */
  url(database: string): string
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

function run(bin: string, args: string[], as: { uid?: number; gid?: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...as, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    child.once('error', reject)
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${bin} ${args.join(' ')} exited ${code}:\n${out}`))))
  })
}

/**
 * Starts a cluster. `settings` go to the server as `-c name=value` (the tests turn fsync off:
 * nothing there survives the run anyway; the benchmark keeps the durable defaults).
 */
export async function startCluster(opts: { settings?: Record<string, string> } = {}): Promise<Cluster> {
  const bin = findPgBin()
  if (!bin) throw new Error(PG_MISSING)
  const as: { uid?: number; gid?: number } = {}
  if (process.getuid?.() === 0) {
    as.uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
    as.gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
  }
  const dir = mkdtempSync(join(tmpdir(), 'eoffice-pg-'))
  if (as.uid !== undefined) chownSync(dir, as.uid, as.gid ?? as.uid)
  const data = join(dir, 'data')
  // C collation: text sorts by code point, as SQLite's does, whatever the machine's locale.
  // Password authentication (scram), as a real server: a wrong password is refused.
  const pwfile = join(dir, 'pwfile')
  writeFileSync(pwfile, `${PASSWORD}\n`)
  if (as.uid !== undefined) chownSync(pwfile, as.uid, as.gid ?? as.uid)
  await run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', `--pwfile=${pwfile}`, '-A', 'scram-sha-256', '-E', 'UTF8', '--no-locale', '--no-sync'], as)
  const port = await freePort()
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1', unix_socket_directories: '', max_connections: '300', ...opts.settings,
  }
  const serverArgs = [`-p ${port}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v === '' ? "''" : v}`)].join(' ')
  await run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', serverArgs, 'start'], as)
  // A watchdog outside this process: when the process that started the cluster is gone without
  // stopping it (a killed test run, a timeout), it stops the server (SIGQUIT: immediate) and
  // removes the directory, so no cluster outlives its run.
  const pidFile = join(data, 'postmaster.pid')
  const watchdog = spawn('sh', ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; kill -QUIT "$(head -1 '${pidFile}')" 2>/dev/null; sleep 2; rm -rf '${dir}'`], {
    detached: true, stdio: 'ignore',
  })
  watchdog.unref()
  let stopped = false
  return {
    port,
    dir,
    url: (database) => clusterUrl(port, database),
    async stop() {
      if (stopped) return
      stopped = true
      watchdog.kill()
      await run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], as).catch(() => undefined)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
