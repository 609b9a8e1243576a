import { describe, expect, it } from 'vitest'
import { parseEvaluationFile, settingsOf } from '../../src/domain/evaluation-file.ts'
import type { Lang } from '../../src/domain/messages.ts'
import { sampleFile } from './sample-file.ts'

const issuesOf = (data: unknown, lang: Lang = 'en') => {
  const r = parseEvaluationFile(data, lang)
  return r.ok ? [] : r.issues
}

describe('parseEvaluationFile (§9)', () => {
  it('accepts a valid file', () => {
    const r = parseEvaluationFile(sampleFile())
    expect(r.ok ? 'ok' : r.issues).toBe('ok')
  })

  it('names the rating and the scale for a value off the scale, in vi and en', () => {
    const file = sampleFile()
    expect(file.ratings[12]!.criterion).toBe('KS.1')
    file.ratings[12] = { ...file.ratings[12]!, value: 7 }
    for (const lang of ['vi', 'en'] as const) {
      const issues = issuesOf(file, lang)
      expect(issues).toHaveLength(1)
      expect(issues[0]!.path).toBe('ratings[12].value')
      for (const s of ['7', '0', '5']) expect(issues[0]!.message).toContain(s)
    }
    expect(issuesOf(file, 'vi')[0]!.message).toContain('thang điểm')
  })

  it('refuses a value that is not a whole level', () => {
    const file = sampleFile()
    file.ratings[0] = { ...file.ratings[0]!, value: 2.5 }
    expect(issuesOf(file)).toEqual([{ path: 'ratings[0].value', message: expect.stringContaining('2.5') }])
  })

  it('refuses unknown ids, naming them', () => {
    const file = sampleFile()
    file.ratings[1] = { ...file.ratings[1]!, member: 'm9' }
    file.ratings[2] = { ...file.ratings[2]!, candidate: 'Z' }
    file.ratings[3] = { ...file.ratings[3]!, criterion: 'XX.9' }
    file.ratings[4] = { ...file.ratings[4]!, criterion: 'TD' } // a group
    const issues = issuesOf(file)
    expect(issues.map((i) => i.path)).toEqual(['ratings[1].member', 'ratings[2].candidate', 'ratings[3].criterion', 'ratings[4].criterion'])
    expect(issues[0]!.message).toContain('m9')
    expect(issues[1]!.message).toContain('"Z"')
    expect(issues[2]!.message).toContain('XX.9')
    expect(issues[3]!.message).toContain('group')
    expect(issuesOf(file, 'vi')[1]!.message).toContain('không có phần mềm dự tuyển')
  })

  it('refuses a duplicate rating, pointing at the first', () => {
    const file = sampleFile()
    file.ratings.push({ ...file.ratings[2]! })
    const issues = issuesOf(file)
    expect(issues).toEqual([{ path: `ratings[${file.ratings.length - 1}]`, message: expect.stringContaining('ratings[2]') }])
  })

  it('refuses a pass on a scored criterion and a value on a pass/fail one', () => {
    const file = sampleFile()
    file.ratings[0] = { member: 'm1', candidate: 'A', criterion: 'KS.1', pass: true }
    file.ratings[1] = { member: 'm1', candidate: 'A', criterion: 'KS.2', value: 1 }
    const issues = issuesOf(file)
    expect(issues.map((i) => i.path)).toEqual(['ratings[0].pass', 'ratings[1].value'])
    expect(issues[0]!.message).toContain('KS.1')
    expect(issuesOf(file, 'vi')[0]!.message).toContain('không chấm đạt/không đạt')
  })

  it('refuses ratings by an abstainer and by a secretary', () => {
    const file = sampleFile()
    file.ratings.push({ member: 'm3', candidate: 'B', criterion: 'TD.1', value: 5 })
    file.ratings.push({ member: 's1', candidate: 'A', criterion: 'TD.1', value: 5 })
    const issues = issuesOf(file)
    const n = file.ratings.length
    expect(issues).toEqual([
      { path: `ratings[${n - 2}]`, message: expect.stringContaining('abstains') },
      { path: `ratings[${n - 1}].member`, message: expect.stringContaining('secretary') },
    ])
  })

  it('refuses a newer format version, saying so first', () => {
    const newer = { ...sampleFile(), format: 'eoffice-eval/evaluation@2' }
    for (const lang of ['vi', 'en'] as const) {
      const issues = issuesOf(newer, lang)
      expect(issues[0]!.path).toBe('format')
      expect(issues[0]!.message).toContain('eoffice-eval/evaluation@2')
    }
    expect(issuesOf(newer, 'en')[0]!.message).toContain('newer')
    expect(issuesOf(newer, 'vi')[0]!.message).toContain('mới hơn')
    // also when the newer format's shape differs (an unknown key)
    const reshaped = { ...newer, extra: true }
    expect(issuesOf(reshaped)[0]).toEqual({ path: 'format', message: expect.stringContaining('newer') })
    expect(issuesOf({ ...sampleFile(), format: 'something-else' })[0]!.path).toBe('format')
  })

  it('reports shape errors with their path, in the reader\'s language', () => {
    const file = sampleFile() as unknown as { ratings: { value: unknown }[] }
    file.ratings[12]!.value = 'bốn'
    const en = issuesOf(file, 'en')
    expect(en).toHaveLength(1)
    expect(en[0]!.path).toBe('ratings[12].value')
    expect(issuesOf(file, 'vi')[0]!.message).not.toBe(en[0]!.message)
  })

  it('checks the criteria tree and the scale', () => {
    const file = sampleFile()
    for (const c of file.criteria[1]!.children!) c.weight = 0
    file.scale = { ...file.scale, min: 5, max: 5 }
    const paths = issuesOf(file).map((i) => i.path)
    expect(paths).toContain('criteria[1].children')
    expect(paths).toContain('scale')
  })

  it('brings strings to NFC', () => {
    const file = sampleFile()
    file.evaluation.title = 'Đánh giá'.normalize('NFD')
    const r = parseEvaluationFile(file)
    expect(r.ok && r.value.evaluation.title).toBe('Đánh giá'.normalize('NFC'))
  })

  it('settingsOf applies the §3 defaults', () => {
    const file = sampleFile()
    file.evaluation = { title: 'x' }
    expect(settingsOf(file)).toEqual({
      aggregation: 'mean', threshold: undefined, disagreementSpread: 2.5,
      monteCarlo: { draws: 10_000, concentration: 100, seed: 2015 },
    })
  })
})

describe('criteria tree checks', () => {
  it('says a pass/fail criterion takes no threshold (not "no weight")', () => {
    const file = sampleFile()
    file.criteria[0]!.children![1]!.threshold = 50
    const issues = parseEvaluationFile(file, 'en')
    expect(issues.ok ? [] : issues.issues).toEqual([
      { path: 'criteria[0].children[1].threshold', message: 'pass/fail criterion "KS.2" takes no threshold' },
    ])
  })
})
