import { describe, expect, it } from 'vitest'
import { canonicalJson, evaluationHash, serializeEvaluation } from '../../src/domain/canonical.ts'
import { parseEvaluationFile, type EvaluationFile } from '../../src/domain/evaluation-file.ts'
import { sampleFile } from './sample-file.ts'

const composed = 'Đánh giá'.normalize('NFC')
const decomposed = 'Đánh giá'.normalize('NFD')

describe('canonical JSON (§9)', () => {
  it('sorts keys at every depth and writes no white space', () => {
    expect(canonicalJson({ b: 1, a: [{ z: true, y: null }, 'x y'], c: { e: 2.5, d: -0 } }))
      .toBe('{"a":[{"y":null,"z":true},"x y"],"b":1,"c":{"d":0,"e":2.5}}')
  })

  it('writes numbers as JSON.stringify does and drops undefined members', () => {
    expect(canonicalJson({ n: 1e21, m: 0.1 + 0.2, u: undefined, k: [undefined] })).toBe('{"k":[null],"m":0.30000000000000004,"n":1e+21}')
  })

  it('normalizes strings (and keys) to NFC: a decomposed "Đánh giá" gives the composed bytes', () => {
    expect(decomposed).not.toBe(composed)
    const out = canonicalJson({ [decomposed]: decomposed })
    expect(out).toBe(`{"${composed}":"${composed}"}`)
    expect(Buffer.from(out, 'utf8')).toEqual(Buffer.from(`{"${composed}":"${composed}"}`, 'utf8'))
    // Đ á n h   g i á in NFC: Đ = c4 90, á = c3 a1
    expect(Buffer.from(canonicalJson(decomposed), 'utf8').toString('hex')).toBe('22c490c3a16e68206769c3a122')
  })

  it('orders ratings and abstentions by member, candidate, criterion; keeps candidates and members as listed', () => {
    const file = sampleFile()
    const shuffledRatings = { ...file, ratings: [...file.ratings].reverse() }
    const text = serializeEvaluation(shuffledRatings)
    expect(text).toBe(serializeEvaluation(file))
    const back = JSON.parse(text) as EvaluationFile
    expect(back.candidates.map((c) => c.id)).toEqual(['A', 'B'])
    expect(back.members.map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 's1'])
    const keys = back.ratings.map((r) => `${r.member}/${r.candidate}/${r.criterion}`)
    expect(keys).toEqual([...keys].sort())
    expect(back.criteria.map((c) => c.id)).toEqual(['KS', 'TD'])
  })

  it('serialize → parse → serialize is byte-identical, and so is the hash', () => {
    const file = sampleFile()
    file.evaluation.title = decomposed
    const first = serializeEvaluation(file)
    const parsed = parseEvaluationFile(JSON.parse(first))
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
    const second = serializeEvaluation(parsed.value)
    expect(second).toBe(first)
    expect(evaluationHash(parsed.value)).toBe(evaluationHash(file))
    expect(evaluationHash(file)).toMatch(/^[0-9a-f]{64}$/)
  })
})
