// The catalogs shipped in criteria/ validate and hold what §4 and the catalog README promise.
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CatalogRegistry } from '../../src/catalogs/catalog-registry.ts'
import { loadCatalogDir, loadCatalogFile } from '../../src/catalogs/load-catalog.ts'
import { isGroup, isPassFail, leaves, walk } from '../../src/domain/criteria.ts'
import type { Catalog } from '../../src/domain/catalog.ts'
import { PROJECT_ROOT } from '../../src/config.ts'

const DIR = join(PROJECT_ROOT, 'criteria')

/** Every string anywhere in a value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings)
  return []
}

describe('shipped catalogs', async () => {
  const files = (await readdir(DIR)).filter((f) => f.endsWith('.yaml')).sort()

  it('are the two of §4', () => {
    expect(files).toEqual(['iso25010-software.yaml', 'qlvb-dhcv-2015.yaml'])
  })

  for (const name of files) {
    describe(name, async () => {
      const path = join(DIR, name)
      const catalog: Catalog = await loadCatalogFile(path, 'vi')

      it('is named after its id and starts at 1.0.0', () => {
        expect(`${catalog.id}.yaml`).toBe(name)
        expect(catalog.version).toBe('1.0.0')
      })

      it('is stored in Unicode NFC, so loading changes no string', async () => {
        const text = await readFile(path, 'utf8')
        expect(text).toBe(text.normalize('NFC'))
        for (const s of strings(catalog)) expect(s).toBe(s.normalize('NFC'))
      })

      it('has unique ids across the whole tree', () => {
        const ids = [...walk(catalog.criteria)].map((w) => w.node.id)
        expect(new Set(ids).size).toBe(ids.length)
      })

      it('has both languages on every title, description and guidance', () => {
        for (const { node } of walk(catalog.criteria)) {
          for (const text of [node.title, node.description, node.guidance]) {
            if (text) expect(text.en, node.id).toBeTruthy()
          }
        }
        for (const level of catalog.scale.levels) expect(level.label.en).toBeTruthy()
      })

      it('gives every criterion guidance (with a verification step) and a source', () => {
        for (const leaf of leaves(catalog.criteria)) {
          expect(leaf.guidance?.vi, leaf.id).toMatch(/Kiểm tra:/)
          expect(leaf.guidance?.en, leaf.id).toMatch(/Test:/)
          expect(leaf.source?.trim(), leaf.id).toBeTruthy()
        }
      })

      it('uses the 0–5 scale with a described anchor for every level', () => {
        expect(catalog.scale.min).toBe(0)
        expect(catalog.scale.max).toBe(5)
        expect(catalog.scale.levels.map((l) => l.value)).toEqual([0, 1, 2, 3, 4, 5])
        for (const l of catalog.scale.levels) expect(l.description?.vi).toBeTruthy()
      })

      it('weights its top-level groups to 100, so weights read as points', () => {
        expect(catalog.criteria.reduce((s, g) => s + (g.weight ?? 0), 0)).toBe(100)
      })

      it('names children after their group (A → A.1), so ids stay readable and stable', () => {
        for (const group of catalog.criteria) {
          for (const child of group.children ?? []) expect(child.id.startsWith(`${group.id}.`), child.id).toBe(true)
        }
      })
    })
  }

  describe('qlvb-dhcv-2015', async () => {
    const c = await loadCatalogFile(join(DIR, 'qlvb-dhcv-2015.yaml'))
    const all = leaves(c.criteria)

    it('has 30–40 criteria in groups A–H', () => {
      expect(all.length).toBeGreaterThanOrEqual(30)
      expect(all.length).toBeLessThanOrEqual(40)
      expect(c.criteria.map((g) => g.id)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'])
    })

    it('makes the notice\'s three requirements pass/fail gates', () => {
      expect(all.filter(isPassFail).map((n) => n.id)).toEqual(['C.1', 'D.1', 'E.1'])
      expect(all.find((n) => n.id === 'C.1')?.source).toMatch(/70\/TB-UBND/)
      expect(all.find((n) => n.id === 'D.1')?.title.vi).toMatch(/Ký số văn bản đi/)
      expect(all.find((n) => n.id === 'E.1')?.title.vi).toMatch(/Liên thông/)
    })

    it('sets thresholds on task follow-up and digital signatures, and 70 for the total', () => {
      const thresholds = Object.fromEntries(c.criteria.filter((g) => g.threshold !== undefined).map((g) => [g.id, g.threshold]))
      expect(thresholds).toEqual({ C: 50, D: 50 })
      expect(c.threshold).toBe(70)
    })

    it('cites Decree 30/2020 only as a later codification', () => {
      for (const leaf of all) {
        if (leaf.source?.includes('NĐ 30/2020')) expect(leaf.source, leaf.id).toMatch(/quy định về sau/)
      }
      expect(c.description?.vi).toMatch(/ban hành về sau/)
    })
  })

  describe('iso25010-software', async () => {
    const c = await loadCatalogFile(join(DIR, 'iso25010-software.yaml'))

    it('has the nine characteristics of ISO/IEC 25010:2023, each with 2–4 criteria', () => {
      expect(c.criteria.map((g) => g.title.en)).toEqual([
        'Functional suitability', 'Performance efficiency', 'Compatibility', 'Interaction capability',
        'Reliability', 'Security', 'Maintainability', 'Flexibility', 'Safety',
      ])
      for (const g of c.criteria) {
        expect(isGroup(g)).toBe(true)
        expect(g.children!.length, g.id).toBeGreaterThanOrEqual(2)
        expect(g.children!.length, g.id).toBeLessThanOrEqual(4)
      }
    })
  })

  it('load as a directory into a registry listing each catalog once', async () => {
    const loaded = await loadCatalogDir(DIR)
    expect(loaded.map((l) => l.catalog.id)).toEqual(['iso25010-software', 'qlvb-dhcv-2015'])
    const registry = await CatalogRegistry.fromDir(DIR)
    expect(registry.list().map((s) => `${s.id}@${s.version}`)).toEqual(['iso25010-software@1.0.0', 'qlvb-dhcv-2015@1.0.0'])
    expect(registry.get('qlvb-dhcv-2015')?.title.en).toMatch(/document management/)
  })
})
