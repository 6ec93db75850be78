/**
 * Turns a title into a URL slug: lower case ASCII, words joined by single hyphens, at most
 * 96 characters, never empty. Diacritics are folded ("Côte" → "cote").
 */
export function slugify(input: string): string {
  const slug = input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 96)
    .replace(/-+$/g, '')
  return slug || 'untitled'
}

/** True when `value` is a well-formed slug, as `slugify` makes them. */
export function isSlug(value: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) && value.length <= 96
}
