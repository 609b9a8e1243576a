// One row of the benchmark table, and the markdown it prints.
export interface Row {
  readonly name: string
  /** Our figure. */
  readonly value: number
  readonly unit: string
  /** The baseline measured in the same run, in the same unit, when there is one. */
  readonly baseline?: number
  /** value ÷ baseline, or its inverse, as the target states it (see `ratioLabel`). */
  readonly ratio?: number
  readonly ratioLabel?: string
  /** The target in words, and whether this run met it (undefined: information only). */
  readonly target?: string
  readonly met?: boolean
}

const fmt = (v: number, unit: string) => {
  if (!Number.isFinite(v)) return 'n/a'
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2
  return `${v.toFixed(digits)} ${unit}`.trim()
}

export function markdownTable(rows: readonly Row[]): string {
  const lines = [
    '| benchmark | ours | baseline (same run) | ratio | target | met |',
    '| --- | ---: | ---: | ---: | --- | :---: |',
  ]
  for (const r of rows) {
    const ratio = r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}${r.ratioLabel ? ` ${r.ratioLabel}` : ''}`
    const met = r.met === undefined ? '' : r.met ? 'yes' : '**no**'
    lines.push(`| ${r.name} | ${fmt(r.value, r.unit)} | ${r.baseline === undefined ? '' : fmt(r.baseline, r.unit)} | ${ratio} | ${r.target ?? ''} | ${met} |`)
  }
  return lines.join('\n')
}
