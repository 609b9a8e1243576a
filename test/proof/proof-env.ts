// How hard the proof tests push: `npm test` runs the bounded default; `npm run test:soak`
// (PROOF_SOAK=1) runs the long version. PROOF_SEED fixes the random choices to replay a failure.
export const SOAK = process.env.PROOF_SOAK === '1'

export const CRASH_ROUNDS = SOAK ? 20 : 5
export const FUZZ_CASES = SOAK ? 10_000 : 2_000

/** The seed of this run: printed in every failure so it can be replayed with PROOF_SEED. */
export const SEED = process.env.PROOF_SEED ? Number(process.env.PROOF_SEED) : Date.now() % 2 ** 31
