// A catalog back to YAML, keys in a fixed order so a saved catalog diffs cleanly against the last
// version and reads top-down like the hand-written files in criteria/.
import { stringify } from 'yaml'
import type { Catalog } from '../domain/catalog.ts'
import type { CriterionNode } from '../domain/criteria.ts'

const CATALOG_KEYS = [
  'id', 'version', 'title', 'description', 'source', 'scale',
  'aggregation', 'threshold', 'disagreementSpread', 'criteria',
] as const
const NODE_KEYS = [
  'id', 'title', 'weight', 'type', 'threshold', 'description', 'guidance', 'source', 'ahp', 'children',
] as const

function ordered<T extends object>(value: T, keys: readonly string[]): Record<string, unknown> {
  const src = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const k of keys) if (src[k] !== undefined) out[k] = src[k]
  // Keys this file does not know yet still reach the output, after the known ones.
  for (const k of Object.keys(src)) if (!(k in out) && src[k] !== undefined) out[k] = src[k]
  return out
}

function orderText(text: { vi: string; en?: string } | undefined) {
  return text === undefined ? undefined : ordered(text, ['vi', 'en'])
}

function orderNode(node: CriterionNode): Record<string, unknown> {
  return ordered({
    ...node,
    title: orderText(node.title),
    description: orderText(node.description),
    guidance: orderText(node.guidance),
    children: node.children?.map(orderNode),
  }, NODE_KEYS)
}

export function catalogToYaml(catalog: Catalog): string {
  const scale = ordered({
    ...catalog.scale,
    levels: catalog.scale.levels.map((l) => ordered({
      ...l, label: orderText(l.label), description: orderText(l.description),
    }, ['value', 'label', 'description'])),
  }, ['min', 'max', 'levels'])
  const doc = ordered({
    ...catalog,
    title: orderText(catalog.title),
    description: orderText(catalog.description),
    scale,
    criteria: catalog.criteria.map(orderNode),
  }, CATALOG_KEYS)
  // No anchors/aliases: each node is written out in full, as a person would write it.
  return stringify(doc, { aliasDuplicateObjects: false, lineWidth: 100 })
}
