// Group commit (§10): saves that arrive while another is being written wait, then run together
// in ONE transaction, so one durable commit (one fsync under synchronous=FULL) serves them all.
// Each job still sees the writes of the jobs before it (the audit chain continues), and is
// answered only after the shared commit.
//
// Contract for a job: it may refuse with an AppError only BEFORE it writes anything (check, then
// write). A refusal answers that job alone; any other error rolls the batch back and each job is
// retried in its own transaction, so only the culprit fails.
import type { Db } from '../db/database.ts'
import { AppError } from './app-error.ts'

type Job = { work: (trx: Db) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void }
type Queue = { jobs: Job[]; running: boolean }

const MAX_BATCH = 128
const queues = new WeakMap<object, Queue>()

export function groupCommit<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let q = queues.get(db)
    if (!q) queues.set(db, (q = { jobs: [], running: false }))
    q.jobs.push({ work, resolve: resolve as (v: unknown) => void, reject })
    if (!q.running) {
      q.running = true
      const queue = q
      // Let the requests already parsed in this turn of the event loop join the first batch.
      setImmediate(() => void drain(db, queue))
    }
  })
}

async function drain(db: Db, q: Queue): Promise<void> {
  try {
    while (q.jobs.length > 0) await runBatch(db, q.jobs.splice(0, MAX_BATCH))
  } finally {
    q.running = false
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown }

async function runBatch(db: Db, batch: Job[]): Promise<void> {
  const outcomes: Outcome[] = []
  try {
    await db.transaction().execute(async (trx) => {
      for (const job of batch) {
        try {
          outcomes.push({ ok: true, value: await job.work(trx) })
        } catch (error) {
          if (!(error instanceof AppError)) throw error
          outcomes.push({ ok: false, error })
        }
      }
    })
  } catch (error) {
    if (batch.length === 1) {
      batch[0]!.reject(error)
      return
    }
    for (const job of batch) await runBatch(db, [job])
    return
  }
  batch.forEach((job, i) => {
    const o = outcomes[i]!
    if (o.ok) job.resolve(o.value)
    else job.reject(o.error)
  })
}
