// Load generation (autocannon) and memory sampling for the benches.
import autocannon, { type Options, type RequestParams } from 'autocannon'
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
  /** Builds each request; `context` is per connection (autocannon keeps one per client). */
  readonly request: (context: Record<string, unknown>) => RequestParams
}

export async function load(o: LoadOptions): Promise<LoadResult> {
  const opts: Options = {
    url: o.url,
    connections: o.connections,
    duration: o.durationS,
    timeout: 30,
    requests: [{ setupRequest: (_req, context) => o.request(context) }],
  }
  const r = await autocannon(opts)
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
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
