// The demo evaluation (§8 `cli demo`): a valid §9 file, every sheet complete, realistic content,
// and results that come out the way the demo was designed (edoc recommended, both qualify).
import { describe, expect, it } from 'vitest'
import { isPassFail, leaves } from '../../src/domain/criteria.ts'
import { parseEvaluationFile, RATER_ROLES, type EvaluationFile } from '../../src/domain/evaluation-file.ts'
import { computeResults } from '../../src/domain/scoring.ts'
import { loadCatalogFile } from '../../src/catalogs/load-catalog.ts'
import { buildDemoEvaluation } from '../../src/demo/demo-evaluation.ts'
import { DEMO_CATALOG_FILE, loadDemoEvaluation } from '../../src/demo/load-demo.ts'

const demo: EvaluationFile = await loadDemoEvaluation()
const criteria = leaves(demo.criteria)
const raters = demo.members.filter((m) => RATER_ROLES.includes(m.role))
const abstains = new Set((demo.abstentions ?? []).map((a) => `${a.member}/${a.candidate}`))

describe('the demo evaluation file', () => {
  it('passes parseEvaluationFile in both languages', () => {
    for (const lang of ['vi', 'en'] as const) {
      const r = parseEvaluationFile(demo, lang)
      expect(r.ok ? [] : r.issues).toEqual([])
    }
  })

  it('is built on the shipped QLVB&ĐHCV catalog, in review, with the notice as basis', async () => {
    const catalog = await loadCatalogFile(DEMO_CATALOG_FILE)
    expect(demo.evaluation.catalog).toEqual({ id: 'qlvb-dhcv-2015', version: catalog.version })
    expect(demo.criteria).toEqual(catalog.criteria)
    expect(demo.evaluation.status).toBe('review')
    expect(demo.evaluation.threshold).toBe(70)
    expect(demo.evaluation.basis).toMatch(/^Thông báo số 70\/TB-UBND ngày 03\/4\/2015 của UBND tỉnh Bắc Giang/)
  })

  it('is the same on every build (seeded, no Math.random)', async () => {
    expect(buildDemoEvaluation(await loadCatalogFile(DEMO_CATALOG_FILE))).toEqual(demo)
  })

  it('has 2 candidates and 7 members: 1 chair, 1 secretary, 5 members, all declared in May 2015', () => {
    expect(demo.candidates.map((c) => c.id)).toEqual(['edoc', 'soffice'])
    expect(demo.members).toHaveLength(7)
    expect(demo.members.map((m) => m.role).sort()).toEqual(['chair', 'member', 'member', 'member', 'member', 'member', 'secretary'])
    for (const m of demo.members) {
      expect(m.declaredAt, m.id).toMatch(/^2015-05-/)
      expect(new Set(demo.members.map((x) => x.username)).size).toBe(7)
    }
  })

  it('lets the secretary rate nothing', () => {
    const secretary = demo.members.find((m) => m.role === 'secretary')!
    expect(demo.ratings.filter((r) => r.member === secretary.id)).toEqual([])
  })

  it('has one abstention, with its reason, for a declared conflict', () => {
    expect(demo.abstentions).toHaveLength(1)
    expect(demo.abstentions![0]).toMatchObject({ member: 'm7', candidate: 'soffice' })
    expect(demo.abstentions![0]!.reason).toMatch(/triển khai/)
  })

  it('has every score sheet complete: each rater rates each criterion of each candidate once, or abstains', () => {
    for (const m of raters) {
      for (const c of demo.candidates) {
        const mine = demo.ratings.filter((r) => r.member === m.id && r.candidate === c.id).map((r) => r.criterion)
        if (abstains.has(`${m.id}/${c.id}`)) expect(mine).toEqual([])
        else expect(mine.sort()).toEqual(criteria.map((n) => n.id).sort())
      }
    }
    // 6 raters × 2 candidates − 1 abstention = 11 sheets of 40 criteria.
    expect(demo.ratings).toHaveLength(11 * 40)
  })

  it('judges pass/fail criteria with pass and scored ones with a level on the scale', () => {
    for (const r of demo.ratings) {
      const node = criteria.find((n) => n.id === r.criterion)!
      if (isPassFail(node)) expect(typeof r.pass, r.criterion).toBe('boolean')
      else expect(Number.isInteger(r.value) && r.value! >= 0 && r.value! <= 5, r.criterion).toBe(true)
    }
  })

  it('carries many specific Vietnamese comments, in NFC', () => {
    const comments = demo.ratings.flatMap((r) => (r.comment ? [r.comment] : []))
    expect(comments.length).toBeGreaterThan(demo.ratings.length / 3)
    for (const c of comments) {
      expect(c).toBe(c.normalize('NFC'))
      expect(c.length).toBeGreaterThan(20)
      expect(c).toMatch(/[ăâđêôơưàáạảãèéẹẻẽìíịỉĩòóọỏõùúụủũỳýỵỷỹ]/i)
    }
  })

  it('has real disagreements (spread ≥ 3) on a few criteria', () => {
    const byCell = new Map<string, number[]>()
    for (const r of demo.ratings) {
      if (r.value === undefined) continue
      const k = `${r.candidate}/${r.criterion}`
      byCell.set(k, [...(byCell.get(k) ?? []), r.value])
    }
    const wide = [...byCell].filter(([, v]) => Math.max(...v) - Math.min(...v) >= 3).map(([k]) => k).sort()
    expect(wide).toEqual(['edoc/E.6', 'edoc/H.2', 'soffice/D.3', 'soffice/H.4'])
  })

  it('fills the report block for the Department\'s report to the Provincial People\'s Committee', () => {
    const r = demo.report!
    expect(r).toMatchObject({
      parentAgency: 'UBND TỈNH BẮC GIANG',
      agency: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
      place: 'Bắc Giang',
      recipient: 'Ủy ban nhân dân tỉnh Bắc Giang',
      signer: { authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC' },
    })
    expect(r.number).toMatch(/^\d+\/BC-STTTT$/)
    expect(r.date! >= '2015-05-20' && r.date! <= '2015-05-31').toBe(true)
    expect(r.copiesTo!.at(-1)).toMatch(/^Lưu: VT/)
    expect(r.conclusion!.length).toBeGreaterThan(400)
  })
})

describe('the demo results (computeResults)', () => {
  const results = computeResults(demo)
  const byId = Object.fromEntries(results.candidates.map((c) => [c.id, c]))

  it('score each candidate as the mean of normalized ratings times the global weights (§3)', () => {
    // Independent of scoring.ts: W(c) = group share × criterion share among scored siblings.
    const total = (candidate: string) => {
      let s = 0
      for (const g of demo.criteria) {
        const scored = g.children!.filter((n) => !isPassFail(n))
        const sum = scored.reduce((a, n) => a + n.weight!, 0)
        for (const n of scored) {
          const v = demo.ratings.filter((r) => r.candidate === candidate && r.criterion === n.id).map((r) => r.value! / 5)
          s += 100 * (g.weight! / 100) * (n.weight! / sum) * (v.reduce((a, b) => a + b, 0) / v.length)
        }
      }
      return s
    }
    expect(byId.edoc!.score).toBeCloseTo(total('edoc'), 9)
    expect(byId.soffice!.score).toBeCloseTo(total('soffice'), 9)
  })

  it('recommend eDoc Kinh Bắc; both candidates qualify and are complete', () => {
    expect(results.recommended).toBe('edoc')
    expect(results.tied).toEqual([])
    expect(byId.edoc).toMatchObject({ rank: 1, qualified: true, complete: true, failed: [] })
    expect(byId.soffice).toMatchObject({ rank: 2, qualified: true, complete: true, failed: [] })
  })

  it('show S-Office weaker on digital signatures but stronger on technology and usability', () => {
    expect(byId.edoc!.groups.D!).toBeGreaterThan(byId.soffice!.groups.D! + 5)
    expect(byId.soffice!.groups.H!).toBeGreaterThan(byId.edoc!.groups.H!)
    // S-Office holds the signatures group threshold (50 % of 16 points) only just.
    expect(byId.soffice!.groups.D! / 16).toBeGreaterThanOrEqual(0.5)
    expect(byId.soffice!.groups.D! / 16).toBeLessThan(0.55)
  })

  it('flag the mixed pass/fail judgments on S-Office\'s gates', () => {
    const mixed = results.disagreements.filter((d) => d.spread === 1).map((d) => `${d.candidate}/${d.criterion}`)
    expect(mixed).toEqual(['soffice/D.1', 'soffice/E.1'])
  })

  it('are sensitive to the weights of some group within ±50 pp (the demo is instructive)', () => {
    const flips = Object.entries(results.sensitivity.groups).filter(([, g]) => g.flipAt !== null)
    expect(flips.map(([id]) => id).sort()).toEqual(['D', 'F', 'H'])
  })

  it('match the figures quoted in the chair\'s conclusion', () => {
    const shown = (x: number) => x.toFixed(2).replace('.', ',')
    const conclusion = demo.report!.conclusion!
    expect(conclusion).toContain(`eDoc Kinh Bắc 3.2 đạt ${shown(byId.edoc!.score)} điểm`)
    expect(conclusion).toContain(`S-Office Sông Thương 2.5 đạt ${shown(byId.soffice!.score)} điểm`)
    expect(conclusion).toContain(`(${shown(byId.edoc!.groups.D!)}/16 điểm, so với ${shown(byId.soffice!.groups.D!)}/16 điểm)`)
    expect(conclusion).toContain(`(${shown(byId.edoc!.groups.C!)}/16 điểm, so với ${shown(byId.soffice!.groups.C!)}/16 điểm)`)
    expect(conclusion).toContain(`(${shown(byId.edoc!.groups.E!)}/14 điểm, so với ${shown(byId.soffice!.groups.E!)}/14 điểm)`)
    const d = results.sensitivity.groups.D!.flipAt!
    const h = results.sensitivity.groups.H!.flipAt!
    expect(conclusion).toContain(`từ 16% xuống dưới khoảng ${shown(16 + d)}%`)
    expect(conclusion).toContain(`từ 10% lên trên khoảng ${shown(10 + h)}%`)
  })
})
