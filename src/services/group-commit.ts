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
//
// A batch made only of one kind's items may first go `direct` (the rating save on PostgreSQL,
// while this process is the evaluation's only writer): no transaction, one atomic statement that
// checks the evaluation's head under its lock. If it cannot, it writes nothing and the batch runs
// in its transaction as above. Kinds learn what a transaction committed through `onCommit`.
import type { ControlledTransaction } from 'kysely'
import type { Database, Db } from '../db/database.ts'

/** Per item, in order: its answer or its refusal. */
export type Outcome<T = unknown> = { ok: true; value: T } | { ok: false; error: unknown }

/** After the batch's commit: callbacks a kind registers (per-process knowledge of what was committed). */
export type OnCommit = (done: () => void) => void

/**
 * Items batched into one call; `run` sees the root handle (for per-process caches), the
 * transaction, and `onCommit` (called back only if the transaction commits with its writes).
 * `direct`, when a batch holds only this kind's items, may answer them without the batch's
 * transaction — in one atomic statement of its own — or return undefined, having written
 * nothing; then `run` runs as usual.
 */
export interface BatchKind<I, T> {
  run(root: Db, trx: Db, items: readonly I[], onCommit: OnCommit): Promise<Outcome<T>[]>
  direct?(root: Db, items: readonly I[]): Promise<Outcome<T>[] | undefined>
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
): Promise<{ outcomes: Outcome[]; ok: boolean }> {
  const sp = await trx.savepoint(SAVEPOINT).execute()
  try {
    const outcomes = await work(sp)
    await sp.releaseSavepoint(SAVEPOINT).execute()
    return { outcomes, ok: true }
  } catch (error) {
    await sp.rollbackToSavepoint(SAVEPOINT).execute()
    await sp.releaseSavepoint(SAVEPOINT).execute()
    return { outcomes: failed(error), ok: false }
  }
}

type Group = {
  readonly jobs: readonly Job[]
  readonly run: (trx: Db, onCommit: OnCommit) => Promise<Outcome[]>
  readonly direct?: () => Promise<Outcome[] | undefined>
}

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
    const counted = (out: Outcome[]) => {
      if (out.length !== items.length) throw new Error(`group commit: ${out.length} outcomes for ${items.length} items`)
      return out
    }
    groups.push({
      jobs,
      run: async (trx, onCommit) => counted(await kind.run(db, trx, items, onCommit)),
      direct: kind.direct && (async () => {
        const out = await kind.direct!(db, items)
        return out && counted(out)
      }),
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
async function runGroups(trx: ControlledTransaction<Database>, groups: readonly Group[], onCommit: OnCommit): Promise<Outcome[]> {
  if (groups.length === 1) return groups[0]!.run(trx, onCommit)
  const outcomes: Outcome[] = []
  for (const g of groups) {
    // A group rolled back to its savepoint committed nothing: its callbacks are dropped.
    const mine: (() => void)[] = []
    const r = await inSavepoint(trx, (sp) => g.run(sp, (done) => mine.push(done)), (error) => g.jobs.map(() => ({ ok: false, error })))
    outcomes.push(...r.outcomes)
    if (r.ok) for (const done of mine) onCommit(done)
  }
  return outcomes
}

function settle(batch: readonly Job[], outcomes: readonly Outcome[]): void {
  batch.forEach((job, i) => {
    const o = outcomes[i]!
    if (o.ok) job.resolve(o.value)
    else job.reject(o.error)
  })
}

async function runBatch(db: Db, batch: Job[]): Promise<void> {
  const groups = groupsOf(db, batch)
  const direct = groups.length === 1 ? groups[0]!.direct : undefined
  if (direct) {
    let outcomes: Outcome[] | undefined
    try {
      outcomes = await direct()
    } catch (error) {
      for (const job of batch) job.reject(error)
      return
    }
    if (outcomes) {
      settle(batch, outcomes)
      return
    }
  }
  let outcomes: Outcome[]
  let trx: ControlledTransaction<Database> | undefined
  const afterCommit: (() => void)[] = []
  try {
    trx = await db.startTransaction().execute()
    outcomes = await runGroups(trx, groups, (done) => afterCommit.push(done))
    await trx.commit().execute()
  } catch (error) {
    // The transaction itself failed (the disk, the lock), or the batch's only group did: nothing
    // of the batch was committed.
    if (trx && !trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute().catch(() => undefined)
    for (const job of batch) job.reject(error)
    return
  }
  for (const done of afterCommit) done()
  settle(batch, outcomes)
}
