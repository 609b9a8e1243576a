// Locale files and formatting (§5): both languages hold the same keys, strings are NFC, dates
// in the administrative form, numbers with the locale's separators, rounding half away from zero.
import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatNumber, formatPercent, localeKeys, t } from '../../src/i18n/index.ts'

describe('locale files', () => {
  it('vi and en hold exactly the same keys', () => {
    expect(localeKeys('en').sort()).toEqual(localeKeys('vi').sort())
    expect(localeKeys('vi').length).toBeGreaterThan(150)
  })
  it('every string is NFC', () => {
    for (const lang of ['vi', 'en'] as const) {
      for (const key of localeKeys(lang)) expect(t(lang, key)).toBe(t(lang, key).normalize('NFC'))
    }
  })
  it('uses the committee\'s terms', () => {
    expect(t('vi', 'status.scoring')).toBe('Đang chấm điểm')
    expect(t('vi', 'status.finalized')).toBe('Đã hoàn thành')
    expect(t('vi', 'role.chair')).toBe('Tổ trưởng')
    expect(t('vi', 'role.observer')).toBe('Quan sát viên')
    expect(t('vi', 'declaration.title')).toBe('Cam kết không xung đột lợi ích')
    expect(t('vi', 'sheet.comment')).toBe('Nhận xét/minh chứng')
  })
  it('fills placeholders', () => {
    expect(t('vi', 'sheet.progress', { rated: 3, total: 10 })).toBe('Đã chấm 3/10 tiêu chí')
    expect(t('en', 'sheet.progress', { rated: 3, total: 10 })).toBe('3 of 10 criteria rated')
  })
})

describe('formatting', () => {
  it('dates: "ngày 05 tháng 5 năm 2015" / "5 May 2015"', () => {
    expect(formatDate('vi', '2015-05-05')).toBe('ngày 05 tháng 5 năm 2015')
    expect(formatDate('en', '2015-05-05')).toBe('5 May 2015')
    // An instant is shown on Viet Nam's clock: 20:30 UTC on the 11th is 03:30 on the 12th.
    expect(formatDateTime('vi', '2015-05-11T20:30:00Z')).toBe('03:30 ngày 12 tháng 5 năm 2015')
  })
  it('numbers: "82,35" vi, "82.35" en, thousands separated', () => {
    expect(formatNumber('vi', 82.35)).toBe('82,35')
    expect(formatNumber('en', 82.35)).toBe('82.35')
    expect(formatNumber('vi', 12345.6)).toBe('12.345,60')
    expect(formatNumber('en', 12345.6)).toBe('12,345.60')
  })
  it('rounds half away from zero on the value first rounded to 9 decimals (1.005 → 1,01)', () => {
    expect(formatNumber('vi', 1.005)).toBe('1,01')
    expect(formatNumber('en', -1.005)).toBe('-1.01')
    expect(formatNumber('en', 2.675)).toBe('2.68')
  })
  it('percentages of a share', () => {
    expect(formatPercent('vi', 0.25)).toBe('25,00 %')
    expect(formatPercent('en', 1 / 3)).toBe('33.33%')
  })
})
