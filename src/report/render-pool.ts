// A pool of one render worker, created on first use and reused. Jobs queue in the worker's
// message port and run one at a time. The worker is unref'd while idle so it never keeps a
// process (CLI, tests) alive, and replaced if it dies.
import { Worker } from 'node:worker_threads'
import type { RenderJob } from './render-jobs.ts'
import type { JobMessage, ReplyMessage } from './render-worker.ts'

// Built (dist/, `npm start`), the worker is plain JavaScript. Run as TypeScript (tsx, vitest),
// `execArgv: ['--import', 'tsx']` is not enough on Node 20 (loaders do not reach a worker's
// entry), so a .mjs entry registers tsx and then imports render-worker.ts.
const ENTRY = import.meta.url.endsWith('.js')
  ? new URL('./render-worker.js', import.meta.url)
  : new URL('./render-worker-entry.mjs', import.meta.url)

interface Pending {
  resolve: (b: Buffer) => void
  reject: (e: Error) => void
}

let worker: Worker | null = null
const pending = new Map<number, Pending>()
let nextId = 1

function failAll(err: Error): void {
  for (const p of pending.values()) p.reject(err)
  pending.clear()
}

function spawn(): Worker {
  const w = new Worker(ENTRY)
  w.on('message', (msg: ReplyMessage) => {
    const p = pending.get(msg.id)
    if (!p) return
    pending.delete(msg.id)
    if (pending.size === 0) w.unref()
    if (msg.ok) p.resolve(Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength))
    else {
      const e = new Error(msg.error)
      if (msg.stack) e.stack = msg.stack
      p.reject(e)
    }
  })
  w.on('error', (err) => {
    if (worker === w) worker = null
    failAll(err)
  })
  w.on('exit', (code) => {
    if (worker === w) worker = null
    if (pending.size) failAll(new Error(`report worker exited with code ${code}`))
  })
  w.unref()
  return w
}

/** Runs a job on the shared worker; resolves with the PDF bytes. */
export function renderInWorker(job: RenderJob): Promise<Buffer> {
  worker ??= spawn()
  const w = worker
  const id = nextId++
  return new Promise<Buffer>((resolve, reject) => {
    pending.set(id, { resolve, reject })
    w.ref()
    w.postMessage({ id, job } satisfies JobMessage)
  })
}

/** Stops the worker (tests, graceful shutdown); the next job starts a new one. */
export async function closeRenderPool(): Promise<void> {
  const w = worker
  worker = null
  if (w) await w.terminate()
}
