// The demo evaluation (§8 `cli demo`): the Department of Information and Communications of Bắc
// Giang evaluates the province's two QLVB&ĐHCV products in May 2015, as item 3 of Notice
// 70/TB-UBND orders. People, products and vendors are fictional (demo-people.ts). Ratings are
// deterministic: a seeded generator scatters each rater around the committee's consensus level.
import type { Catalog } from '../domain/catalog.ts'
import { isPassFail, leaves } from '../domain/criteria.ts'
import { DEFAULT_MONTE_CARLO, FORMAT, RATER_ROLES, type EvaluationFile, type Rating } from '../domain/evaluation-file.ts'
import { DEMO_CONCLUSION, DEMO_REPORT } from './demo-report.ts'
import { DISAGREEMENTS, GATE_EXCEPTIONS, OBSERVATIONS } from './demo-observations.ts'
import { DEMO_ABSTENTIONS, DEMO_CANDIDATES, DEMO_MEMBERS } from './demo-people.ts'

export const DEMO_SEED = 2015

export const DEMO_TITLE =
  'Đánh giá 02 phần mềm Quản lý văn bản và Điều hành công việc đang sử dụng trên địa bàn tỉnh Bắc Giang'

/** Căn cứ, one per line (the report lists them in this order). */
export const DEMO_BASIS = [
  'Thông báo số 70/TB-UBND ngày 03/4/2015 của UBND tỉnh Bắc Giang kết luận của Phó Chủ tịch UBND tỉnh '
  + 'tại buổi làm việc với Sở Thông tin và Truyền thông (mục 3, mục 4);',
  'Công văn số 1036/BTTTT-THH ngày 10/4/2015 của Bộ Thông tin và Truyền thông hướng dẫn yêu cầu cơ bản về '
  + 'chức năng, tính năng kỹ thuật cho hệ thống quản lý văn bản và điều hành;',
  'Công văn số 2803/BTTTT-THH ngày 01/10/2014 của Bộ Thông tin và Truyền thông hướng dẫn kỹ thuật liên thông '
  + 'giữa các hệ thống quản lý văn bản và điều hành trong cơ quan nhà nước;',
  // Fictional decision: the demo's committee needs a founding act, the real one is not known.
  'Quyết định số 52/QĐ-STTTT ngày 08/5/2015 của Giám đốc Sở Thông tin và Truyền thông về việc thành lập '
  + 'Tổ đánh giá phần mềm Quản lý văn bản và Điều hành công việc.',
].join('\n')

/** mulberry32: a tiny seeded generator, so the demo is the same on every machine and run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const CANDIDATE_INDEX: Readonly<Record<string, 0 | 1>> = { edoc: 0, soffice: 1 }

function commentFor(criterion: string, candidate: string, value: number, base: number): string | undefined {
  const obs = OBSERVATIONS[criterion]
  const i = CANDIDATE_INDEX[candidate] ?? 0
  const shown = obs?.shown?.[i] || undefined
  const missing = obs?.missing?.[i] || undefined
  if (value >= 4 && value >= base) return shown
  if (value <= 2) return missing ?? shown
  // A rating below the consensus with nothing recorded as missing still needs its reason.
  const gap = missing ?? (value < base && shown ? BELOW_CONSENSUS : undefined)
  return [shown, gap].filter(Boolean).join(' ') || undefined
}

const BELOW_CONSENSUS = 'Một số bước kiểm tra chưa trình diễn được đầy đủ trong buổi đánh giá.'

/**
 * Every rater rates every criterion of both candidates (the abstainer excepted, for the
 * candidate they declared a conflict with), so every score sheet is complete.
 */
export function buildDemoEvaluation(catalog: Catalog): EvaluationFile {
  const rng = mulberry32(DEMO_SEED)
  const { min, max } = catalog.scale
  const criteria = leaves(catalog.criteria)
  const abstains = new Set(DEMO_ABSTENTIONS.map((a) => `${a.member}/${a.candidate}`))
  const ratings: Rating[] = []

  for (const member of DEMO_MEMBERS) {
    if (!RATER_ROLES.includes(member.role)) continue
    for (const candidate of DEMO_CANDIDATES) {
      if (abstains.has(`${member.id}/${candidate.id}`)) continue
      for (const node of criteria) {
        // Draw for every cell, used or not, so editing one note never reshuffles the rest.
        const u = rng()
        const talk = rng()
        const key = { member: member.id, candidate: candidate.id, criterion: node.id }
        if (isPassFail(node)) {
          const exception = GATE_EXCEPTIONS[`${member.id}/${candidate.id}/${node.id}`]
          ratings.push(exception ? { ...key, pass: exception.pass, comment: exception.comment } : { ...key, pass: true })
          continue
        }
        const base = OBSERVATIONS[node.id]?.level[CANDIDATE_INDEX[candidate.id] ?? 0] ?? Math.round((min + max) / 2)
        const forced = DISAGREEMENTS[`${candidate.id}/${node.id}`]?.[member.id]
        let value: number
        let comment: string | undefined
        if (forced) {
          value = forced[0]
          comment = forced[1] ?? commentFor(node.id, candidate.id, value, base)
        } else {
          // A strict rater (leaning −1) drops a level more often than they add one, and vice versa.
          const down = 0.2 - 0.1 * member.leaning
          const up = 0.2 + 0.1 * member.leaning
          const step = u < down ? -1 : u >= 1 - up ? 1 : 0
          value = Math.min(max, Math.max(min, base + step))
          // Raters explain a rating off the consensus; otherwise about half of them write a note.
          comment = step !== 0 || talk < 0.5 ? commentFor(node.id, candidate.id, value, base) : undefined
        }
        ratings.push(comment ? { ...key, value, comment } : { ...key, value })
      }
    }
  }

  return {
    format: FORMAT,
    evaluation: {
      title: DEMO_TITLE,
      basis: DEMO_BASIS,
      status: 'review',
      deadline: '2015-05-31',
      catalog: { id: catalog.id, version: catalog.version },
      aggregation: catalog.aggregation ?? 'mean',
      threshold: catalog.threshold ?? 70,
      disagreementSpread: catalog.disagreementSpread ?? (max - min) / 2,
      monteCarlo: { ...DEFAULT_MONTE_CARLO, seed: DEMO_SEED },
    },
    report: { ...DEMO_REPORT, conclusion: DEMO_CONCLUSION, proposal: 'edoc' },
    scale: structuredClone(catalog.scale),
    criteria: structuredClone(catalog.criteria),
    candidates: DEMO_CANDIDATES.map((c) => ({ ...c })),
    members: DEMO_MEMBERS.map(({ position: _p, leaning: _l, ...m }) => m),
    abstentions: DEMO_ABSTENTIONS.map((a) => ({ ...a })),
    ratings,
  }
}
