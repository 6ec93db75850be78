/** WCAG 2.1 colour arithmetic, shared by the CMS (validation) and the site (rendering). */

export function parseHex(hex: string): [number, number, number] | null {
  const m = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(hex.trim())
  if (!m) return null
  let h = m[1]!
  if (h.length === 3) h = [...h].map((c) => c + c).join('')
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number]
}

function channel(c: number): number {
  const s = c / 255
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
}

export function relativeLuminance(hex: string): number {
  const rgb = parseHex(hex)
  if (!rgb) throw new TypeError(`Not a hex colour: ${hex}`)
  const [r, g, b] = rgb.map(channel) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** The WCAG contrast ratio between two hex colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a)
  const lb = relativeLuminance(b)
  const [hi, lo] = la > lb ? [la, lb] : [lb, la]
  return (hi + 0.05) / (lo + 0.05)
}

/** Text colour (near-black or white) with the higher contrast on `background`. */
export function readableTextOn(background: string): '#111111' | '#ffffff' {
  return contrastRatio(background, '#111111') >= contrastRatio(background, '#ffffff')
    ? '#111111'
    : '#ffffff'
}

/**
 * A theme colour is used for text and marks on a white page and as a cell background with text
 * on it. It must reach AA for normal text (4.5:1) against white, so the site can use it as a
 * foreground colour; a background use then takes white text at the same ratio.
 */
export const THEME_COLOUR_MIN_CONTRAST = 4.5

export function checkThemeColour(hex: string): string | true {
  if (!parseHex(hex)) return 'Enter a hex colour such as #1f6f5c.'
  const ratio = contrastRatio(hex, '#ffffff')
  if (ratio < THEME_COLOUR_MIN_CONTRAST) {
    return `Contrast with white is ${ratio.toFixed(2)}:1; WCAG AA needs at least ${THEME_COLOUR_MIN_CONTRAST}:1. Choose a darker colour.`
  }
  return true
}
