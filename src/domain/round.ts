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
