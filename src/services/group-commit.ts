// Group commit (§10): saves that arrive while another is being written wait, then run together
// in ONE transaction, so one durable commit (one fsync under synchronous=FULL) serves them all.
// Each job still sees the writes of the jobs before it (the audit chain continues), and is
// answered only after the shared commit.
//
// Each job runs inside its own savepoint: whatever it throws (a refusal or any other error),
// its writes are rolled back to that savepoint and it alone fails; the jobs before and after it
// commit together. Only a failure of the transaction itself (begin, savepoint, commit) fails the
// whole batch. A batch of one job (or of one kind's items) runs without a savepoint: its failure
// rolls the transaction back, the same outcome with two statements fewer.
//
// A job may instead be an item of a `BatchKind` (the rating save, §10): consecutive items of one
// kind run as ONE call in one savepoint, so the kind reads and writes them all in a few
// multi-row statements (on PostgreSQL every statement is a round trip, and the batch's
// transaction holds the evaluation's head lock: fewer statements, more saves per commit). The
// kind refuses items one by one without writing them; if it throws, its items alone fail.
import type { ControlledTransaction } from 'kysely'
import type { Database, Db } from '../db/database.ts'

/** Per item, in order: its answer or its refusal. */
export type Outcome<T = unknown> = { ok: true; value: T } | { ok: false; error: unknown }

/** Items batched into one call; `run` sees the root handle (for per-process caches) and the transaction. */
export interface BatchKind<I, T> {
  run(root: Db, trx: Db, items: readonly I[]): Promise<Outcome<T>[]>
}

type Settle = { resolve: (v: unknown) => void; reject: (e: unknown) => void }
type Job = Settle & (
  | { work: (trx: Db) => Promise<unknown>; kind?: undefined }
  | { kind: BatchKind<unknown, unknown>; item: unknown }
)
type Queue = { jobs: Job[]; running: boolean }

const MAX_BATCH = 128
const SAVEPOINT = 'group_commit_job'
const queues = new WeakMap<object, Queue>()

export function groupCommit<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return enqueue<T>(db, (settle) => ({ ...settle, work }))
}

/** One item of a batched kind: answered after the shared commit, like any job. */
export function groupCommitItem<I, T>(db: Db, kind: BatchKind<I, T>, item: I): Promise<T> {
  return enqueue<T>(db, (settle) => ({ ...settle, kind: kind as BatchKind<unknown, unknown>, item }))
}

function enqueue<T>(db: Db, job: (settle: Settle) => Job): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let q = queues.get(db)
    if (!q) {
      q = { jobs: [], running: false }
      queues.set(db, q)
    }
    q.jobs.push(job({ resolve: resolve as (v: unknown) => void, reject }))
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

/**
 * Work in its savepoint: released on success, rolled back to (and released) on any error — then
 * `failed` gives the outcomes.
 */
async function inSavepoint(
  trx: ControlledTransaction<Database>, work: (sp: Db) => Promise<Outcome[]>, failed: (error: unknown) => Outcome[],
): Promise<Outcome[]> {
  const sp = await trx.savepoint(SAVEPOINT).execute()
  try {
    const outcomes = await work(sp)
    await sp.releaseSavepoint(SAVEPOINT).execute()
    return outcomes
  } catch (error) {
    await sp.rollbackToSavepoint(SAVEPOINT).execute()
    await sp.releaseSavepoint(SAVEPOINT).execute()
    return failed(error)
  }
}

type Group = { readonly jobs: readonly Job[]; readonly run: (trx: Db) => Promise<Outcome[]> }

/** The batch in order as groups: a plain job alone, consecutive items of one kind together. */
function groupsOf(db: Db, batch: readonly Job[]): Group[] {
  const groups: Group[] = []
  for (let i = 0; i < batch.length;) {
    const job = batch[i]!
    if (job.kind === undefined) {
      groups.push({ jobs: [job], run: async (trx) => [{ ok: true, value: await job.work(trx) }] })
      i += 1
      continue
    }
    let end = i + 1
    while (end < batch.length && batch[end]!.kind === job.kind) end += 1
    const jobs = batch.slice(i, end)
    const items = jobs.map((j) => (j as { item: unknown }).item)
    const kind = job.kind
    groups.push({
      jobs,
      run: async (trx) => {
        const out = await kind.run(db, trx, items)
        if (out.length !== items.length) throw new Error(`group commit: ${out.length} outcomes for ${items.length} items`)
        return out
      },
    })
    i = end
  }
  return groups
}

/**
 * Each group in its savepoint, so a failing group fails alone. A batch of ONE group needs no
 * savepoint (two round trips fewer on PostgreSQL): if it fails, the transaction is rolled back
 * and its jobs fail — the same outcome.
 */
async function runGroups(trx: ControlledTransaction<Database>, groups: readonly Group[]): Promise<Outcome[]> {
  if (groups.length === 1) return groups[0]!.run(trx)
  const outcomes: Outcome[] = []
  for (const g of groups) outcomes.push(...await inSavepoint(trx, g.run, (error) => g.jobs.map(() => ({ ok: false, error }))))
  return outcomes
}

async function runBatch(db: Db, batch: Job[]): Promise<void> {
  let outcomes: Outcome[]
  let trx: ControlledTransaction<Database> | undefined
  try {
    trx = await db.startTransaction().execute()
    outcomes = await runGroups(trx, groupsOf(db, batch))
    await trx.commit().execute()
  } catch (error) {
    // The transaction itself failed (the disk, the lock), or the batch's only group did: nothing
    // of the batch was committed.
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
