// Load generation (autocannon) and memory sampling for the benches.
import autocannon, { type Options, type RequestParams, type Result } from 'autocannon'
import { memoryOf } from './server-process.ts'

export interface LoadResult {
  /** Requests per second (mean over the run). */
  rps: number
  p50: number
  p99: number
  total: number
  ok: number
  non2xx: number
  errors: number
}

export interface LoadOptions {
  readonly url: string
  readonly connections: number
  readonly durationS: number
  /**
   * Builds each request of connection `connection` (0 … connections − 1). Each connection is a
   * client of its own — one person at one browser: a connection's requests go one after another.
   */
  readonly request: (connection: number) => RequestParams
}

const percentile = (sorted: readonly number[], p: number) => sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!

/**
 * One autocannon instance per connection, run at once (autocannon resets a connection's
 * `context` after every request, so one instance cannot tell its connections apart); the
 * throughputs and counts added, the latency percentiles over every response.
 */
export async function load(o: LoadOptions): Promise<LoadResult> {
  const times: number[] = []
  const runs = await Promise.all(Array.from({ length: o.connections }, (_, connection) => {
    const opts: Options = {
      url: o.url,
      connections: 1,
      duration: o.durationS,
      timeout: 30,
      requests: [{ setupRequest: () => o.request(connection) }],
    }
    return new Promise<Result>((resolve, reject) => {
      const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)))
      instance.on('response', (_client, _status, _bytes, ms) => times.push(ms))
    })
  }))
  times.sort((a, b) => a - b)
  const sum = (f: (r: Result) => number) => runs.reduce((n, r) => n + f(r), 0)
  return {
    rps: sum((r) => r.requests.average),
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    total: sum((r) => r.requests.total),
    ok: sum((r) => r['2xx']),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors + r.timeouts),
  }
}

/** Samples a process's resident memory every `everyMs` until stopped; returns the peak (MB). */
export function sampleMemory(pid: number, everyMs = 50): { stop(): number } {
  let peak = memoryOf(pid)?.rssMb ?? 0
  const timer = setInterval(() => {
    const m = memoryOf(pid)
    if (m && m.rssMb > peak) peak = m.rssMb
  }, everyMs)
  return {
    stop() {
      clearInterval(timer)
      const m = memoryOf(pid)
      if (m && m.rssMb > peak) peak = m.rssMb
      return peak
    },
  }
}
