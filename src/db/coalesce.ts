// Lookups every request makes (its session, its user), coalesced: those asked for in one turn of
// the event loop are read with ONE query (`where key in (…)`). Under load, 32 requests that
// arrive together cost one round trip each instead of 32 (on PostgreSQL every statement is a
// round trip and a parse; §10, §15). Nothing is cached: each lookup sees the database as of its
// query, so a sign-out or a deactivated user takes effect on the next request, on every server.
import DataLoader from 'dataloader'

/** At most this many keys per query (PostgreSQL and SQLite both take far more parameters). */
const MAX_KEYS = 500

export function coalesced<K, V>(load: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>): (key: K) => Promise<V | undefined> {
  const loader = new DataLoader<K, V | undefined>(
    async (keys) => {
      const found = await load(keys)
      return keys.map((k) => found.get(k))
    },
    // setImmediate, not the default nextTick: requests read from different sockets in one poll
    // phase are in different ticks, and this is what gathers them.
    { cache: false, maxBatchSize: MAX_KEYS, batchScheduleFn: (run) => setImmediate(run) },
  )
  return (key) => loader.load(key)
}
