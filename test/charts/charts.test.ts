import { describe, expect, it } from 'vitest'
import { XmlDocument, type XmlElement } from 'xmldoc'
import { barChart, barGeometry } from '../../src/charts/bar-chart.ts'
import { heatColor, heatMap } from '../../src/charts/heat-map.ts'
import { radarChart, radarPoint } from '../../src/charts/radar-chart.ts'
import { escapeXml, textWidth } from '../../src/charts/svg.ts'

// xmldoc parses with sax in strict mode: a malformed SVG throws.
const parse = (svg: string) => new XmlDocument(svg)
const all = (doc: XmlDocument, name: string): XmlElement[] => {
  const out: XmlElement[] = []
  const visit = (el: XmlElement) => {
    if (el.name === name) out.push(el)
    for (const c of el.children) if (c.type === 'element') visit(c as XmlElement)
  }
  visit(doc)
  return out
}
/** Each <text>'s words; a wrapped label's lines (<tspan>) joined by spaces. */
const texts = (doc: XmlDocument) => all(doc, 'text').map((t) => {
  const spans = t.children.filter((c) => c.type === 'element' && (c as XmlElement).name === 'tspan') as XmlElement[]
  return spans.length ? spans.map((x) => x.val).join(' ') : t.val
})

describe('escapeXml', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;')
  })
})

describe('barChart', () => {
  const tricky = 'Phần mềm <A> & "B"'
  const svg = barChart(
    [{ label: tricky, value: 50, max: 100 }, { label: 'Ơ ư ạ', value: 100, max: 100, highlight: true }, { label: 'zero', value: 0, max: 100 }],
    { width: 400, labelWidth: 100, valueWidth: 50, format: (v) => `${v} điểm`, fontSize: 8 },
  )

  it('is well-formed SVG with width, height and viewBox', () => {
    const doc = parse(svg)
    expect(doc.name).toBe('svg')
    expect(doc.attr.width).toBe('400')
    expect(doc.attr.viewBox).toMatch(/^0 0 400 \d+(\.\d+)?$/)
  })

  it('escapes labels and keeps them readable after parsing', () => {
    expect(svg).not.toContain('<A>')
    expect(svg).toContain('&lt;A&gt; &amp; &quot;B&quot;')
    expect(texts(parse(svg))).toContain(tricky)
    expect(texts(parse(svg))).toContain('Ơ ư ạ')
  })

  it('scales bars: 50 of 100 is half the plot width, 100 is all of it, 0 is nothing', () => {
    // plot width = 400 − 100 (labels) − 50 (values) = 250
    expect(barGeometry({ width: 400, labelWidth: 100, valueWidth: 50 })).toEqual({ plotX: 100, plotWidth: 250 })
    const bars = all(parse(svg), 'rect').filter((r) => r.attr.class === 'bar')
    expect(bars.map((b) => Number(b.attr.width))).toEqual([125, 250, 0])
    expect(bars.every((b) => b.attr.x === '100')).toBe(true)
  })

  it('colours item i like radar series i and outlines the highlighted bar', () => {
    const bars = all(parse(svg), 'rect').filter((r) => r.attr.class === 'bar')
    const radar = all(parse(radarChart([{ name: 'a', values: [1, 1, 1] }, { name: 'b', values: [1, 1, 1] }, { name: 'c', values: [1, 1, 1] }], ['x', 'y', 'z'])), 'polygon')
      .filter((p) => p.attr.class === 'series')
    expect(bars.map((b) => b.attr.fill)).toEqual(radar.map((p) => p.attr.stroke))
    expect(bars.map((b) => b.attr.stroke)).toEqual([undefined, '#000000', undefined])
  })

  it('uses the given formatter for the value labels', () => {
    expect(texts(parse(svg))).toContain('50 điểm')
  })

  it('clamps values outside 0..max', () => {
    const doc = parse(barChart([{ label: 'x', value: 150, max: 100 }, { label: 'y', value: -5, max: 100 }], { width: 400, labelWidth: 100, valueWidth: 50 }))
    expect(all(doc, 'rect').filter((r) => r.attr.class === 'bar').map((b) => Number(b.attr.width))).toEqual([250, 0])
  })

  it('wraps labels too long for the label column at spaces, on as many lines as needed, never cut', () => {
    const long = 'Hệ thống quản lý văn bản và điều hành công việc thế hệ mới'
    const doc = parse(barChart([{ label: long, value: 1, max: 1 }], { width: 300, labelWidth: 80, fontSize: 10 }))
    expect(texts(doc)[0]).toBe(long)
    const lines = all(doc, 'tspan').map((t) => t.val)
    expect(lines.length).toBeGreaterThan(2)
    // Right-aligned 6 pt before the bars at x = 80: each line (estimated generously) fits in 2..74.
    for (const l of lines) expect(textWidth(l, 10)).toBeLessThanOrEqual(72)
    // The row grows with its lines: the chart is taller than one 26-pt row.
    expect(Number(doc.attr.height)).toBeGreaterThan(lines.length * 10)
  })

  it('radar legend wraps long names within the chart, never cut', () => {
    const name = 'Phần mềm Văn phòng điện tử Ánh Dương hệ thống quản lý văn bản và điều hành công việc liên thông bốn cấp chính quyền'
    const doc = parse(radarChart([{ name, values: [0.5, 0.5, 0.5] }], ['A', 'B', 'C'], { size: 300 }))
    expect(texts(doc)).toContain(name)
    for (const l of all(doc, 'tspan')) expect(Number(l.attr.x) + textWidth(l.val, 10)).toBeLessThanOrEqual(300)
  })

  it('is deterministic', () => {
    const items = [{ label: 'a', value: 82.345 }, { label: 'b', value: 61.2 }]
    expect(barChart(items, { max: 100, marker: { value: 70, label: 'Ngưỡng 70' } })).toBe(barChart(items, { max: 100, marker: { value: 70, label: 'Ngưỡng 70' } }))
  })
})

describe('radarChart', () => {
  const axes = ['Chữ ký số', 'Theo dõi & đôn đốc', 'Liên thông']
  const svg = radarChart([{ name: 'A <1>', values: [1, 0.5, 0] }, { name: 'B', values: [0.25, 1, 1] }], axes, { size: 300 })

  it('is well-formed and escapes axis and series names', () => {
    const doc = parse(svg)
    expect(texts(doc)).toEqual(expect.arrayContaining(['Theo dõi & đôn đốc', 'A <1>']))
  })

  it('places a value of 1 on the outer ring and 0.5 half way', () => {
    const doc = parse(svg)
    const [first] = all(doc, 'polygon').filter((p) => p.attr.class === 'series')
    const pts = (first?.attr.points ?? '').split(' ').map((p) => p.split(',').map(Number))
    const cx = 150
    const cy = 150
    const outer = radarPoint(cx, cy, 1, 0, 3, 1) // unit radius, to get the direction
    expect(outer[0]).toBeCloseTo(150)
    const r0 = Math.hypot((pts[0]?.[0] ?? 0) - cx, (pts[0]?.[1] ?? 0) - cy)
    const r1 = Math.hypot((pts[1]?.[0] ?? 0) - cx, (pts[1]?.[1] ?? 0) - cy)
    const r2 = Math.hypot((pts[2]?.[0] ?? 0) - cx, (pts[2]?.[1] ?? 0) - cy)
    expect(r1 / r0).toBeCloseTo(0.5, 1)
    expect(r2).toBeCloseTo(0, 5)
    // The first axis points straight up (12 o'clock).
    expect(pts[0]?.[0]).toBeCloseTo(150, 1)
    expect(pts[0]?.[1]).toBeLessThan(150)
  })
})

describe('heatMap', () => {
  const svg = heatMap(['A & co', 'B'], ['KS.1', 'TD"1'], [[0, 4], [2, null]], { max: 4, flagAt: 3 })

  it('is well-formed with one cell per row × column', () => {
    const doc = parse(svg)
    expect(all(doc, 'rect').filter((r) => r.attr.class === 'cell')).toHaveLength(4)
    expect(texts(doc)).toEqual(expect.arrayContaining(['A & co', 'TD"1']))
  })

  it('shades by value: 0 is white, max is full red, half way between', () => {
    expect(heatColor(0)).toBe('#ffffff')
    expect(heatColor(1)).toBe('#c00000')
    const cells = all(parse(svg), 'rect').filter((r) => r.attr.class === 'cell')
    expect(cells.map((c) => c.attr.fill)).toEqual(['#ffffff', '#c00000', heatColor(0.5), '#e6e6e6'])
    expect(heatColor(0.5)).toBe('#e08080')
  })

  it('outlines flagged cells only', () => {
    const cells = all(parse(svg), 'rect').filter((r) => r.attr.class === 'cell')
    expect(cells.map((c) => c.attr.stroke)).toEqual(['#ffffff', '#000000', '#ffffff', '#ffffff'])
  })
})
