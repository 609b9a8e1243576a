// §12 sealed price proposals: one row per candidate. Amounts leave this file as numbers (VND
// integers within 10¹⁵, exact in a double); PostgreSQL's driver hands int8 back as text.
import type { Db } from './database.ts'
import type { PriceRecord } from './records.ts'

export async function upsertPrice(db: Db, evaluationId: number, p: PriceRecord, at: string): Promise<void> {
  const adjustments = JSON.stringify(p.adjustments)
  await db.insertInto('prices')
    .values({ evaluation_id: evaluationId, candidate_id: p.candidateId, price: p.price, adjustments, updated_at: at })
    .onConflict((oc) => oc.columns(['evaluation_id', 'candidate_id']).doUpdateSet({ price: p.price, adjustments, updated_at: at }))
    .execute()
}

export async function listPrices(db: Db, evaluationId: number): Promise<PriceRecord[]> {
  const rows = await db.selectFrom('prices').select(['candidate_id', 'price', 'adjustments'])
    .where('evaluation_id', '=', evaluationId).orderBy('candidate_id').execute()
  return rows.map((r) => ({
    candidateId: r.candidate_id,
    price: Number(r.price),
    adjustments: JSON.parse(r.adjustments) as PriceRecord['adjustments'],
  }))
}
