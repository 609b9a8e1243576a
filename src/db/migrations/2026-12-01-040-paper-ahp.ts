// §2 on-behalf entry and §3 AHP as stored data:
// - members.paper: the rater rates on paper (set in draft); only their sheets may be entered by
//   the secretary;
// - ratings.on_behalf: 1 when the secretary entered the rating on the rater's behalf (the
//   rater's sheet shows it), 0 when the rater entered it;
// - evaluations.ahp: the top level's AHP `{ ids, matrix }` (JSON; a group keeps its own in the
//   criteria tree);
// - a group's AHP stored before as `{ matrix }` (in the order of its scored children) gets its
//   `ids`; one whose size no longer fits its children is dropped (its weights stay).
// Frozen: never import application code here.
import { sql, type Kysely } from 'kysely'

type Node = { type?: string; children?: Node[]; id: string; ahp?: { ids?: string[]; matrix?: unknown[] } }

export function withIds(nodes: Node[]): boolean {
  let changed = false
  for (const n of nodes) {
    if (!n.children) continue
    if (n.ahp && !Array.isArray(n.ahp.ids)) {
      const ids = n.children.filter((c) => c.children !== undefined || c.type !== 'pass_fail').map((c) => c.id)
      if (Array.isArray(n.ahp.matrix) && n.ahp.matrix.length === ids.length) n.ahp = { ids, matrix: n.ahp.matrix }
      else delete n.ahp
      changed = true
    }
    if (withIds(n.children)) changed = true
  }
  return changed
}

// biome-ignore lint/suspicious/noExplicitAny: a migration describes the schema as it was that day, not the app's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('members').addColumn('paper', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema.alterTable('ratings').addColumn('on_behalf', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema.alterTable('evaluations').addColumn('ahp', 'text').execute()
  const rows = await db.selectFrom('evaluations').select(['id', 'criteria']).where('criteria', 'like', sql<string>`${'%"ahp"%'}`).execute()
  for (const row of rows as { id: number; criteria: string }[]) {
    const tree = JSON.parse(row.criteria) as Node[]
    if (withIds(tree)) await db.updateTable('evaluations').set({ criteria: JSON.stringify(tree) }).where('id', '=', row.id).execute()
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a migration describes the schema as it was that day, not the app's types.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('evaluations').dropColumn('ahp').execute()
  await db.schema.alterTable('ratings').dropColumn('on_behalf').execute()
  await db.schema.alterTable('members').dropColumn('paper').execute()
}
