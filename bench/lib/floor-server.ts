// The baselines of the save benchmark (§10), as their own process so they compete for the same
// cores the real server does: a bare fastify JSON route; the floor — a bare fastify route doing
// one durable SQLite insert per request, one commit each (WAL, synchronous=FULL, as src/db
// configures it); and the batched floor — the same inserts coalesced the way the app's group
// commit coalesces saves: the requests that arrive while a commit runs wait, then go in ONE
// transaction (one fsync) and are answered after it.
// Env: PORT, FLOOR_DB (the database file). Run: node --import tsx bench/lib/floor-server.ts
import SQLite from 'better-sqlite3'
import Fastify from 'fastify'

const port = Number(process.env.PORT ?? 0)
const file = process.env.FLOOR_DB
if (!file) throw new Error('FLOOR_DB is required')

const sqlite = new SQLite(file)
sqlite.pragma('journal_mode = WAL')
sqlite.pragma('synchronous = FULL')
sqlite.pragma('busy_timeout = 5000')
sqlite.exec('CREATE TABLE IF NOT EXISTS ratings (id INTEGER PRIMARY KEY, candidate TEXT NOT NULL, criterion TEXT NOT NULL, value INTEGER, at TEXT NOT NULL)')
const insert = sqlite.prepare('INSERT INTO ratings (candidate, criterion, value, at) VALUES (?, ?, ?, ?)')

const app = Fastify({ logger: false })
type Req = { Params: { candidate: string; criterion: string }; Body: { value?: unknown } }

app.put<Req>('/json/:candidate/:criterion', async (req) => ({ candidate: req.params.candidate, criterion: req.params.criterion, value: req.body?.value ?? null }))

app.put<Req>('/insert/:candidate/:criterion', async (req) => {
  const value = typeof req.body?.value === 'number' ? req.body.value : null
  const at = new Date().toISOString()
  insert.run(req.params.candidate, req.params.criterion, value, at)
  return { candidate: req.params.candidate, criterion: req.params.criterion, value, updatedAt: at }
})

type Pending = { row: [string, string, number | null, string]; done: (err?: unknown) => void }
let pending: Pending[] = []
const insertAll = sqlite.transaction((rows: Pending['row'][]) => {
  for (const r of rows) insert.run(...r)
})
/** One transaction for everything queued since the last one (run once per event-loop turn). */
function flush() {
  const batch = pending
  pending = []
  try {
    insertAll(batch.map((p) => p.row))
  } catch (err) {
    for (const p of batch) p.done(err)
    return
  }
  for (const p of batch) p.done()
}

app.put<Req>('/insert-batched/:candidate/:criterion', (req) => {
  const value = typeof req.body?.value === 'number' ? req.body.value : null
  const at = new Date().toISOString()
  return new Promise((resolve, reject) => {
    pending.push({
      row: [req.params.candidate, req.params.criterion, value, at],
      done: (err) => (err ? reject(err) : resolve({ candidate: req.params.candidate, criterion: req.params.criterion, value, updatedAt: at })),
    })
    if (pending.length === 1) setImmediate(flush)
  })
})

// /api/v1/auth/me answers so startServer's readiness probe works here too.
app.get('/api/v1/auth/me', async () => ({ ok: true }))

const stop = () => {
  void app.close().then(() => {
    sqlite.close()
    process.exit(0)
  })
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
await app.listen({ host: '127.0.0.1', port })
