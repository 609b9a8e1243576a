// Timing helpers: the median of repeated runs after a warm-up (the machine is shared and noisy,
// so the median, and ratios against a baseline measured in the same run).
export async function medianMs(run: () => Promise<unknown> | unknown, warmup: number, runs: number): Promise<number> {
  for (let i = 0; i < warmup; i++) await run()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await run()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}
