// Group commit (§10): saves that arrive while another is being written wait, then run together
// in ONE transaction, so one durable commit (one fsync under synchronous=FULL) serves them all.
// Each job still sees the writes of the jobs before it (the audit chain continues), and is
// answered only after the shared commit.
//
// Each job runs inside its own savepoint: whatever it throws (a refusal or any other error),
// its writes are rolled back to that savepoint and it alone fails; the jobs before and after it
// commit together. Only a failure of the transaction itself (begin, savepoint, commit) fails the
// whole batch.
import type { ControlledTransaction } from 'kysely'
import type { Database, Db } from '../db/database.ts'

type Job = { work: (trx: Db) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void }
type Queue = { jobs: Job[]; running: boolean }

const MAX_BATCH = 128
const SAVEPOINT = 'group_commit_job'
const queues = new WeakMap<object, Queue>()

export function groupCommit<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let q = queues.get(db)
    if (!q) {
      q = { jobs: [], running: false }
      queues.set(db, q)
    }
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

/** One job in its savepoint: released on success, rolled back to (and released) on any error. */
async function runJob(trx: ControlledTransaction<Database>, job: Job): Promise<Outcome> {
  const sp = await trx.savepoint(SAVEPOINT).execute()
  try {
    const value = await job.work(sp)
    await sp.releaseSavepoint(SAVEPOINT).execute()
    return { ok: true, value }
  } catch (error) {
    await sp.rollbackToSavepoint(SAVEPOINT).execute()
    await sp.releaseSavepoint(SAVEPOINT).execute()
    return { ok: false, error }
  }
}

async function runBatch(db: Db, batch: Job[]): Promise<void> {
  const outcomes: Outcome[] = []
  let trx: ControlledTransaction<Database> | undefined
  try {
    trx = await db.startTransaction().execute()
    for (const job of batch) outcomes.push(await runJob(trx, job))
    await trx.commit().execute()
  } catch (error) {
    // The transaction itself failed (the disk, the lock): nothing of the batch was committed.
    if (trx && !trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute().catch(() => undefined)
    for (const job of batch) job.reject(error)
    return
  }
  batch.forEach((job, i) => {
    const o = outcomes[i]!
    if (o.ok) job.resolve(o.value)
    else job.reject(o.error)
  })
}
