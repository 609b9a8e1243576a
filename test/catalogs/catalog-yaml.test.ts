// catalogToYaml writes a catalog that reads back unchanged, keys in the documented order, so an
// evaluation's criteria can be saved as a new catalog version (§4).
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { catalogToYaml } from '../../src/catalogs/catalog-yaml.ts'
import { loadCatalogFile, parseCatalogYaml } from '../../src/catalogs/load-catalog.ts'
import { PROJECT_ROOT } from '../../src/config.ts'
import { catalogFromEvaluation, parseCatalog, type Catalog } from '../../src/domain/catalog.ts'
import { buildDemoEvaluation } from '../../src/demo/demo-evaluation.ts'

const DIR = join(PROJECT_ROOT, 'criteria')

describe('catalogToYaml', () => {
  for (const name of ['qlvb-dhcv-2015.yaml', 'iso25010-software.yaml']) {
    it(`round-trips ${name}: write → parse gives back the same catalog`, async () => {
      const catalog = await loadCatalogFile(join(DIR, name))
      const text = catalogToYaml(catalog)
      expect(parseCatalogYaml(text, 'written.yaml')).toEqual(catalog)
      // …and writing again is byte-identical (stable output, clean diffs between versions).
      expect(catalogToYaml(parseCatalogYaml(text, 'written.yaml'))).toBe(text)
    })
  }

  it('writes keys in the documented order', async () => {
    const catalog = await loadCatalogFile(join(DIR, 'qlvb-dhcv-2015.yaml'))
    const raw = parse(catalogToYaml(catalog)) as Record<string, unknown> & { criteria: Record<string, unknown>[] }
    expect(Object.keys(raw)).toEqual([
      'id', 'version', 'title', 'description', 'source', 'scale',
      'aggregation', 'threshold', 'disagreementSpread', 'criteria',
    ])
    const group = raw.criteria[2]! as { children: Record<string, unknown>[] }
    expect(Object.keys(group)).toEqual(['id', 'title', 'weight', 'threshold', 'description', 'children'])
    expect(Object.keys(group.children[0]!)).toEqual(['id', 'title', 'type', 'guidance', 'source'])
    expect(Object.keys(group.children[1]!)).toEqual(['id', 'title', 'weight', 'guidance', 'source'])
    expect(Object.keys(group.children[1]!.title as object)).toEqual(['vi', 'en'])
  })

  it('keeps awkward strings intact (colons, hashes, quotes, line breaks, leading spaces)', () => {
    const awkward: Catalog = {
      id: 'kho-doc',
      version: '0.1.0',
      title: { vi: 'Tiêu đề: "có" # dấu', en: "it's: a #test" },
      source: '  leading space, trailing space  ',
      scale: { min: 1, max: 2, levels: [
        { value: 1, label: { vi: 'yes' } },
        { value: 2, label: { vi: '- gạch đầu dòng', en: 'null' } },
      ] },
      criteria: [{
        id: 'X',
        title: { vi: 'Dòng một\nDòng hai\n' },
        weight: 0.5,
        guidance: { vi: `${'a'.repeat(150)} b`, en: '@at `tick` {brace} [bracket] & * ! | >' },
        source: '1.0',
      }],
    }
    expect(parseCatalog(awkward).ok).toBe(true)
    expect(parseCatalogYaml(catalogToYaml(awkward), 'x.yaml')).toEqual(awkward)
  })

  it('saves an evaluation\'s criteria as a new catalog version, unchanged', async () => {
    const catalog = await loadCatalogFile(join(DIR, 'qlvb-dhcv-2015.yaml'))
    const evaluation = buildDemoEvaluation(catalog)
    evaluation.criteria[0]!.weight = 20 // the committee re-weighted a group in draft
    const next = catalogFromEvaluation(evaluation, {
      id: catalog.id, version: '2.0.0', title: catalog.title, source: catalog.source,
    })
    const back = parseCatalogYaml(catalogToYaml(next), 'qlvb-dhcv-2015-2.0.0.yaml')
    expect(back.criteria).toEqual(evaluation.criteria)
    expect(back.scale).toEqual(evaluation.scale)
    expect(back.threshold).toBe(70)
    expect(back.criteria[0]!.weight).toBe(20)
  })
})
