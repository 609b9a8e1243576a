// The registry serves every version and picks the latest by semver, not by text order.
import { describe, expect, it } from 'vitest'
import { CatalogRegistry } from '../../src/catalogs/catalog-registry.ts'
import { compareVersions, type Catalog } from '../../src/domain/catalog.ts'
import { ValidationError } from '../../src/domain/issues.ts'

const make = (id: string, version: string): Catalog => ({
  id,
  version,
  title: { vi: `Bộ ${id} ${version}`, en: `Catalog ${id} ${version}` },
  source: 'Đề xuất',
  scale: { min: 0, max: 1, levels: [{ value: 0, label: { vi: 'Không' } }, { value: 1, label: { vi: 'Có' } }] },
  criteria: [{ id: 'A', title: { vi: 'A' }, weight: 1 }],
})

describe('CatalogRegistry', () => {
  const registry = new CatalogRegistry([make('b', '1.10.0'), make('a', '2.0.0'), make('b', '1.9.3'), make('b', '1.2.0')])

  it('lists every version by id, then ascending semver', () => {
    expect(registry.list().map((s) => `${s.id}@${s.version}`)).toEqual(['a@2.0.0', 'b@1.2.0', 'b@1.9.3', 'b@1.10.0'])
    expect(registry.list()[0]).toEqual({ id: 'a', version: '2.0.0', title: { vi: 'Bộ a 2.0.0', en: 'Catalog a 2.0.0' } })
  })

  it('returns the latest version when none is asked (1.10.0 > 1.9.3)', () => {
    expect(registry.get('b')?.version).toBe('1.10.0')
    expect(registry.get('b', '1.9.3')?.version).toBe('1.9.3')
  })

  it('returns undefined for an unknown id or version', () => {
    expect(registry.get('c')).toBeUndefined()
    expect(registry.get('b', '3.0.0')).toBeUndefined()
  })

  it('refuses the same (id, version) twice', () => {
    expect(() => new CatalogRegistry([make('a', '1.0.0'), make('a', '1.0.0')], 'en')).toThrow(ValidationError)
  })

  it('compares versions numerically', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBeGreaterThan(0)
    expect(compareVersions('2.0.0', '10.0.0')).toBeLessThan(0)
    expect(compareVersions('1.2.3', '1.2.3')).toBe(0)
  })
})
