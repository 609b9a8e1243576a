// What a score sheet was made for. An upload is accepted only when the evaluation still has the
// criteria tree, scale and candidates the sheet was generated from: otherwise rows and columns
// could mean something else than when the member filled them in.
import { canonicalJson, sha256Hex } from '../domain/canonical.ts'
import type { EvaluationFile } from '../domain/evaluation-file.ts'

export function sheetFingerprint(file: EvaluationFile): string {
  return sha256Hex(canonicalJson({
    criteria: file.criteria,
    scale: { min: file.scale.min, max: file.scale.max },
    candidates: file.candidates.map((c) => c.id),
  }))
}
