// Display rounding (§3): the one function pages, workbook and report use to show a number.

/**
 * Rounds half away from zero to `decimals` places (0..9), after first rounding to 9 decimals.
 * The first step removes binary noise, so 1.005 (stored as 1.00499999999999989…) shows 1.01 and
 * -1.005 shows -1.01. Works on the decimal digits `toFixed(9)` gives, so no product such as
 * 1.005 × 100 = 100.49999999999999 can round the wrong way.
 */
export function roundHalfAwayFromZero(x: number, decimals = 2): number {
  if (!Number.isFinite(x)) return x
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 9) {
    throw new RangeError(`decimals must be an integer within 0..9, got ${decimals}`)
  }
  const abs = Math.abs(x)
  // toFixed switches to exponent notation from 1e21 on; such numbers have no fraction to round.
  if (abs >= 1e21) return x
  const [whole = '0', fraction = ''] = abs.toFixed(9).split('.')
  const kept = Number(whole + fraction.slice(0, decimals))
  const up = (fraction.charCodeAt(decimals) || 48) >= 53 /* '5' */ ? 1 : 0
  const rounded = (kept + up) / 10 ** decimals
  return x < 0 && rounded !== 0 ? -rounded : rounded
}

/**
 * Parts rounded so that they add up, as printed, to the rounded whole (§6: "printed subtotals
 * add up to the printed total"): the largest remainder method at `decimals` places. Each part is
 * first cut down to whole units of 10^-decimals; the units the whole still lacks go one each to
 * the parts with the largest cut-off remainders (earlier parts first on equal remainders). The
 * whole defaults to the sum of the parts; a given whole is rounded the §3 way first. A part
 * moves by less than one unit from its own value, and equal parts stay equal unless a unit
 * cannot be shared.
 */
export function roundParts(parts: readonly number[], decimals = 2, whole?: number): number[] {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 9) {
    throw new RangeError(`decimals must be an integer within 0..9, got ${decimals}`)
  }
  if (parts.length === 0) return []
  if (!parts.every(Number.isFinite)) return parts.map((x) => roundHalfAwayFromZero(x, decimals))
  const unit = 10 ** decimals
  const sum = parts.reduce((a, b) => a + b, 0)
  const target = Math.round(roundHalfAwayFromZero(whole ?? sum, decimals) * unit)
  // The 9-decimal pre-rounding keeps binary noise (0.285 × 100 = 28.499999…) out of the cut.
  const scaled = parts.map((x) => roundHalfAwayFromZero(x * unit, 9 - Math.min(9, decimals)))
  const floors = scaled.map((x) => Math.floor(x))
  const order = scaled
    .map((x, i) => ({ i, rem: x - (floors[i] as number) }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i)
  let missing = target - floors.reduce((a, b) => a + b, 0)
  // Normally 0 ≤ missing < parts.length; a given whole far from the sum still gets met.
  for (let k = 0; missing > 0; k = (k + 1) % order.length, missing--) floors[order[k]!.i]! += 1
  for (let k = order.length - 1; missing < 0; k = (k - 1 + order.length) % order.length, missing++) floors[order[k]!.i]! -= 1
  return floors.map((u) => {
    const r = u / unit
    return Object.is(r, -0) ? 0 : r
  })
}
