// Migration 040: a group's AHP stored before as `{ matrix }` gets its `ids` (the weighted
// children in order, pass/fail ones skipped); one whose size no longer fits is dropped.
import { describe, expect, it } from 'vitest'
import { withIds } from '../../src/db/migrations/2026-12-01-040-paper-ahp.ts'

describe('migration 040: legacy AHP matrices', () => {
  it('names the weighted children, skips pass/fail ones, drops a matrix that no longer fits, leaves stored ids alone', () => {
    const tree = [
      { id: 'C', children: [{ id: 'C.1', type: 'pass_fail' }, { id: 'C.2' }, { id: 'C.3' }], ahp: { matrix: [[1, 3], [1 / 3, 1]] } },
      { id: 'D', children: [{ id: 'D.1' }, { id: 'D.2' }], ahp: { matrix: [[1]] } },
      { id: 'E', children: [{ id: 'E.1' }, { id: 'E.G', children: [{ id: 'E.G.1' }] }], ahp: { ids: ['E.1', 'E.G'], matrix: [[1, 1], [1, 1]] } },
    ]
    expect(withIds(tree)).toBe(true)
    expect(tree[0]!.ahp).toEqual({ ids: ['C.2', 'C.3'], matrix: [[1, 3], [1 / 3, 1]] })
    expect(tree[1]!.ahp).toBeUndefined()
    expect(tree[2]!.ahp).toEqual({ ids: ['E.1', 'E.G'], matrix: [[1, 1], [1, 1]] })
    expect(withIds(tree)).toBe(false)
  })
})
