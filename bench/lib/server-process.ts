// The real server as a child process (src/server.ts run by node with tsx's loader, so the child's
// pid IS the server: `kill -9` hits it, and /proc/<pid>/status is its memory). Only 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'

export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..')

/** A port free right now on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer()
    s.once('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      s.close(() => ok(port))
    })
  })
}

/** Resident and peak resident memory of a process, in MB (Linux /proc). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (key: string) => Number(/^(\w+):\s+(\d+) kB/m.exec(status.split('\n').find((l) => l.startsWith(key)) ?? '')?.[2] ?? NaN)
    return { rssMb: kb('VmRSS:') / 1024, peakMb: kb('VmHWM:') / 1024 }
  } catch {
    return undefined
  }
}

export interface ServerProcess {
  readonly pid: number
  readonly port: number
  readonly base: string
  readonly child: ChildProcess
  /** What the server wrote (stderr and stdout), for a failing test's message. */
  output(): string
  /** SIGKILL: no shutdown hook runs, like a power cut for the process. */
  kill9(): Promise<void>
  /** SIGTERM and wait for the clean exit (bounded). */
  stop(): Promise<void>
}

export interface StartOptions {
  readonly dataDir: string
  readonly reportsDir?: string
  readonly script?: string
  readonly env?: Record<string, string>
  readonly startTimeoutMs?: number
}

function exited(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((ok) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      ok()
    }, timeoutMs)
    child.once('exit', () => {
      clearTimeout(timer)
      ok()
    })
  })
}

/** package.json's `start` script: `NAME=value … node --flag … dist/server.js`. */
function startScript(): string[] {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
  return pkg.scripts.start.split(/\s+/)
}

/** The `NAME=value` assignments that open package.json's `start` script. */
export function startScriptEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const word of startScript()) {
    const m = /^([A-Z_][A-Z0-9_]*)=(\S*)$/.exec(word)
    if (!m) break
    env[m[1]!] = m[2]!
  }
  return env
}

/** The flags the `start` script gives node (between `node` and the script). */
export function startScriptNodeFlags(): string[] {
  const words = startScript()
  const node = words.indexOf('node')
  return node < 0 ? [] : words.slice(node + 1).filter((w) => w.startsWith('--'))
}

/** Starts `script` (default src/server.ts; a dist/*.js file runs as built) and waits until it answers HTTP. */
export async function startServer(o: StartOptions): Promise<ServerProcess> {
  const port = await freePort()
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server alone (e.g. V8 heap settings to try).
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)
  const script = o.script ?? 'src/server.ts'
  // A built script (dist/*.js, what `npm start` runs) needs no TypeScript loader, and gets the
  // environment and node flags `npm start` sets (MALLOC_ARENA_MAX, --heap-growing-percent, read
  // from package.json: one source of truth).
  const built = script.endsWith('.js')
  const loader = built ? [] : ['--import', 'tsx']
  const child = spawn(process.execPath, [...(built ? startScriptNodeFlags() : []), ...extra, ...loader, script], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: o.dataDir,
      REPORTS_DIR: o.reportsDir ?? join(o.dataDir, 'reports'),
      LOG_LEVEL: 'warn',
      ...(built ? startScriptEnv() : {}),
      ...o.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + (o.startTimeoutMs ?? 30_000)
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before listening:\n${out}`)
    try {
      const res = await fetch(`${base}/api/v1/auth/me`, { signal: AbortSignal.timeout(1000) })
      await res.arrayBuffer()
      break
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL')
        throw new Error(`server did not answer within the start timeout:\n${out}`)
      }
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  return {
    pid: child.pid!,
    port,
    base,
    child,
    output: () => out,
    async kill9() {
      child.kill('SIGKILL')
      await exited(child, 5000)
    },
    async stop() {
      child.kill('SIGTERM')
      await exited(child, 10_000)
    },
  }
}
