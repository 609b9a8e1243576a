// Worker thread entry: renders one job at a time, so the server's event loop keeps answering
// while a large report is laid out (pdfmake's layout is synchronous and CPU-bound).
import { parentPort } from 'node:worker_threads'
import { runJob, type RenderJob } from './render-jobs.ts'

export interface JobMessage { readonly id: number; readonly job: RenderJob }
export type ReplyMessage =
  | { readonly id: number; readonly ok: true; readonly bytes: Uint8Array }
  | { readonly id: number; readonly ok: false; readonly error: string; readonly stack?: string }

parentPort?.on('message', async ({ id, job }: JobMessage) => {
  try {
    const buf = await runJob(job)
    // A fresh, exact-size copy can be transferred rather than copied again.
    const bytes = new Uint8Array(buf.byteLength)
    bytes.set(buf)
    parentPort?.postMessage({ id, ok: true, bytes } satisfies ReplyMessage, [bytes.buffer])
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err))
    parentPort?.postMessage({ id, ok: false, error: e.message, stack: e.stack } satisfies ReplyMessage)
  }
})
