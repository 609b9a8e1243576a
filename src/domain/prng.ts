// A named, seeded pseudo-random generator, so a Monte Carlo run is reproducible from its seed.
// sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 32-bit, from PractRand), its
// 128-bit state filled by splitmix32 (the 32-bit variant of Vigna's SplitMix, with the
// Hash Prospector mixing constants 0x21f0aaad / 0x735a2d97).

export const PRNG_NAME = 'sfc32 seeded by splitmix32'

/** splitmix32: one 32-bit word per call from a counter; used only to seed sfc32. */
export function splitmix32(seed: number): () => number {
  let state = seed | 0
  return () => {
    state = (state + 0x9e3779b9) | 0
    let t = state ^ (state >>> 16)
    t = Math.imul(t, 0x21f0aaad)
    t ^= t >>> 15
    t = Math.imul(t, 0x735a2d97)
    return (t ^ (t >>> 15)) >>> 0
  }
}

/** sfc32: unsigned 32-bit words. */
export function sfc32(seed: number): () => number {
  const init = splitmix32(seed)
  let a = init() | 0
  let b = init() | 0
  let c = init() | 0
  let d = init() | 0
  const next = () => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return t >>> 0
  }
  // The usual warm-up, so the first outputs do not echo the seeding.
  for (let i = 0; i < 12; i++) next()
  return next
}

/** Variates drawn from one seeded stream. */
export interface Random {
  /** Uniform on the open interval (0, 1): never 0, so its logarithm is finite. */
  uniform(): number
  /** Standard normal (Marsaglia's polar method). */
  normal(): number
  /** Gamma(shape, 1) by Marsaglia–Tsang (2000), with the U^(1/α) boost for shape < 1. */
  gamma(shape: number): number
}

export function seededRandom(seed: number): Random {
  const word = sfc32(seed)
  const uniform = () => (word() + 0.5) / 4294967296
  let spare = Number.NaN
  const normal = () => {
    if (!Number.isNaN(spare)) {
      const z = spare
      spare = Number.NaN
      return z
    }
    let u: number
    let v: number
    let q: number
    do {
      u = 2 * uniform() - 1
      v = 2 * uniform() - 1
      q = u * u + v * v
    } while (q >= 1 || q === 0)
    const f = Math.sqrt((-2 * Math.log(q)) / q)
    spare = v * f
    return u * f
  }
  const gamma = (shape: number): number => {
    if (shape < 1) return gamma(shape + 1) * uniform() ** (1 / shape)
    const d = shape - 1 / 3
    const c = 1 / Math.sqrt(9 * d)
    for (;;) {
      let x: number
      let v: number
      do {
        x = normal()
        v = 1 + c * x
      } while (v <= 0)
      v = v * v * v
      const u = uniform()
      const x2 = x * x
      if (u < 1 - 0.0331 * x2 * x2) return d * v
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v
    }
  }
  return { uniform, normal, gamma }
}
