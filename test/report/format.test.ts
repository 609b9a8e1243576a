import { describe, expect, it } from 'vitest'
import { dateParts, formatCount, formatDateTime, formatNumber, joinNames } from '../../src/report/format.ts'
import { copiesList, dateLineText } from '../../src/report/report-header.ts'
import { REPORT_STRINGS } from '../../src/report/report-strings.ts'
import { slugify } from '../../src/report/slug.ts'

describe('formatNumber', () => {
  it('rounds half away from zero with the locale decimal mark', () => {
    expect(formatNumber(82.345, 'vi')).toBe('82,35')
    expect(formatNumber(82.345, 'en')).toBe('82.35')
    // 1.005 is stored as 1.00499999…; §3 rounds it to 1.01 all the same.
    expect(formatNumber(1.005, 'vi')).toBe('1,01')
    expect(formatNumber(-1.005, 'en')).toBe('-1.01')
    expect(formatNumber(80, 'vi')).toBe('80,00')
    expect(formatNumber(76.66666666666667, 'vi')).toBe('76,67')
    expect(formatNumber(-0.001, 'vi')).toBe('0,00')
    expect(formatNumber(0.12345, 'en', 4)).toBe('0.1235')
  })

  it('groups thousands in counts', () => {
    expect(formatCount(10000, 'vi')).toBe('10.000')
    expect(formatCount(10000, 'en')).toBe('10,000')
    expect(formatCount(999, 'vi')).toBe('999')
  })
})

describe('date line (NĐ 30/2020 Phụ lục I)', () => {
  it('pads a day below 10, and the months 1 and 2 only', () => {
    expect(dateParts('2015-05-05')).toEqual({ day: '05', month: '5', year: '2015' })
    expect(dateParts('2015-01-09')).toEqual({ day: '09', month: '01', year: '2015' })
    expect(dateParts('2015-02-28')).toEqual({ day: '28', month: '02', year: '2015' })
    expect(dateParts('2015-12-25')).toEqual({ day: '25', month: '12', year: '2015' })
    expect(dateParts('2015-03-10')).toEqual({ day: '10', month: '3', year: '2015' })
  })

  it('writes place and date in words', () => {
    expect(dateLineText({ place: 'Bắc Giang', date: '2015-05-05' }, REPORT_STRINGS.vi)).toBe('Bắc Giang, ngày 05 tháng 5 năm 2015')
    expect(dateLineText({ place: 'Bắc Giang', date: '2015-02-03' }, REPORT_STRINGS.vi)).toBe('Bắc Giang, ngày 03 tháng 02 năm 2015')
    expect(dateLineText({ place: 'Bac Giang', date: '2015-05-25' }, REPORT_STRINGS.en)).toBe('Bac Giang, 25 May 2015')
    expect(dateLineText({}, REPORT_STRINGS.vi)).toBe('……, ngày … tháng … năm …')
  })

  it('shows declaration times in Viet Nam time (UTC+7), whatever the machine zone', () => {
    expect(formatDateTime('2015-04-20T01:30:00Z', 'vi')).toBe('08:30 ngày 20 tháng 4 năm 2015')
    expect(formatDateTime('2015-04-20T20:00:00Z', 'en')).toBe('03:00 on 21 April 2015')
  })
})

describe('Nơi nhận', () => {
  it('prefixes lines with "- " and ends with the archive line unless one is given', () => {
    expect(copiesList({ copiesTo: ['Như trên;', '- UBND tỉnh (b/c);'] }, REPORT_STRINGS.vi)).toEqual(['- Như trên;', '- UBND tỉnh (b/c);', '- Lưu: VT, …'])
    expect(copiesList({ copiesTo: ['Như trên;', 'Lưu: VT, STTTT.'] }, REPORT_STRINGS.vi)).toEqual(['- Như trên;', '- Lưu: VT, STTTT.'])
    expect(copiesList(undefined, REPORT_STRINGS.vi)).toEqual(['- Như trên;', '- Lưu: VT, …'])
  })
})

describe('slugify', () => {
  it('folds Vietnamese diacritics to ASCII, đ → d', () => {
    expect(slugify('Đánh giá phần mềm QLVB&ĐHCV năm 2015')).toBe('danh-gia-phan-mem-qlvb-dhcv-nam-2015')
    expect(slugify('  Ưu tiên: ơ ư ạ ế ộ ữ  ')).toBe('uu-tien-o-u-a-e-o-u')
    expect(slugify('!!!')).toBe('evaluation')
  })

  it('cuts long titles at a dash boundary within the limit', () => {
    const s = slugify('Đánh giá 02 phần mềm Quản lý văn bản và điều hành công việc đang sử dụng trên địa bàn tỉnh Bắc Giang')
    expect(s.length).toBeLessThanOrEqual(60)
    expect(s.endsWith('-')).toBe(false)
    expect(s.startsWith('danh-gia-02-phan-mem-quan-ly-van-ban')).toBe(true)
  })
})

describe('joinNames', () => {
  it('joins with commas and the last with the conjunction', () => {
    expect(joinNames(['A'], 'và')).toBe('A')
    expect(joinNames(['A', 'B'], 'và')).toBe('A và B')
    expect(joinNames(['A', 'B', 'C'], 'and')).toBe('A, B and C')
  })
})

describe('report strings', () => {
  it('have the same keys in both languages', () => {
    expect(Object.keys(REPORT_STRINGS.en).sort()).toEqual(Object.keys(REPORT_STRINGS.vi).sort())
  })
  it('are NFC', () => {
    for (const v of Object.values(REPORT_STRINGS.vi)) if (typeof v === 'string') expect(v).toBe(v.normalize('NFC'))
  })
})
