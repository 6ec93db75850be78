/** What the bubble view's browser tests read from Chromium: marks' boxes and links' names. */
import type { Page } from 'playwright-core'

export type MarkBox = { status: string; x: number; y: number; width: number; height: number }

/** Every cell link's mark, its state (by shape) and its rendered box (`getBBox` through the CTM). */
export function markBoxes(page: Page, frameSelector?: string): Promise<MarkBox[]> {
  return page.evaluate((sel) => {
    const root = sel
      ? (document.querySelector(sel) as HTMLIFrameElement).contentDocument!
      : document
    return [...root.querySelectorAll('a[aria-labelledby]')].map((a) => {
      const mark = a.firstElementChild as SVGGraphicsElement
      const box = mark.getBBox()
      const m = mark.getCTM()!
      const cls = mark.getAttribute('class') ?? ''
      const status =
        mark.localName === 'use' ? 'gap' : cls.startsWith('s ') ? 'suggested' : 'confirmed'
      return {
        status,
        x: box.x * m.a + m.e,
        y: box.y * m.d + m.f,
        width: box.width * m.a,
        height: box.height * m.d,
      }
    })
  }, frameSelector)
}

/** True when two boxes share any area. */
export const overlap = (a: MarkBox, b: MarkBox) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/** The accessible names Chromium computes for every link, in document order. */
export async function linkNames(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page)
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { role?: { value?: string }; name?: { value?: string }; ignored?: boolean }[]
    }
    return nodes
      .filter((n) => !n.ignored && n.role?.value === 'link')
      .map((n) => (n.name?.value ?? '').replace(/\s+/g, ' ').replace(/ ,/g, ',').trim())
  } finally {
    await cdp.detach()
  }
}
