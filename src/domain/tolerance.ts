// §3's tolerance for comparing scores (ranks, thresholds, the combined score of §12): it absorbs
// floating-point noise only. Its own module so the price envelope can use it without a cycle.
export const EPSILON = 1e-9
