// ASCII file-name slugs from Vietnamese titles: diacritics folded ("đ" → "d"), the rest dashes.

export function slugify(title: string, maxLength = 60): string {
  const folded = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
  const slug = folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
  const cut = slug.slice(0, maxLength).replace(/-+$/g, '')
  return cut || 'evaluation'
}
