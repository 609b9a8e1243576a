// How hard the proof tests push: `npm test` runs the bounded default; `npm run test:soak`
// (PROOF_SOAK=1) runs the long version. PROOF_SEED fixes the random choices to replay a failure.
export const SOAK = process.env.PROOF_SOAK === '1'

export const CRASH_ROUNDS = SOAK ? 20 : 5
export const FUZZ_CASES = SOAK ? 10_000 : 2_000

/** The seed of this run: printed in every failure so it can be replayed with PROOF_SEED. */
export const SEED = process.env.PROOF_SEED ? Number(process.env.PROOF_SEED) : Date.now() % 2 ** 31

/**
 * The API fuzzer's seed: FUZZ_SEED pins it (PROOF_SEED too); otherwise `npm test` runs a fixed
 * one (the same cases on every machine) and the soak run a new one each time. Always printed.
 */
export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED)
  : process.env.PROOF_SEED ? Number(process.env.PROOF_SEED)
  : SOAK ? Date.now() % 2 ** 31 : 20_261_201
