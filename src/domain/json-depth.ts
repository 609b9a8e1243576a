// How deeply a parsed JSON value nests (arrays and objects), measured with a stack of our own:
// a recursive walk — ours, zod's, the YAML writer's — would overflow on a body of `[[[[…]]]]`.
// §7 "Hostile input": a body nested deeper than any real document is refused before use.

/** No real request or file nests deeper (an evaluation file's criteria tree ~ 25 levels). */
export const JSON_MAX_DEPTH = 64

/** True when `value` nests arrays/objects more than `max` levels deep (stops at the first such). */
export function nestsDeeperThan(value: unknown, max: number = JSON_MAX_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!
    if (v === null || typeof v !== 'object') continue
    if (depth + 1 > max) return true
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1])
    }
  }
  return false
}
