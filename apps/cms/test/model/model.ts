import { type Coverage, coverageFromCount } from '@repo/types'

/**
 * The plain model of the model-based test: what the editorial promises say the live state must
 * be after any sequence of commands. It knows nothing of Payload; `commands.ts` runs each command
 * against the real CMS and applies it here when the model says it must succeed.
 */

export type Actor = 'anonymous' | 'contributorA' | 'contributorB' | 'editor' | 'admin'
export const ACTORS: Actor[] = ['anonymous', 'contributorA', 'contributorB', 'editor', 'admin']
export type Review = 'draft' | 'in-review' | 'returned' | 'published'
export type Status = 'draft' | 'published'
export type Scope = 'A' | 'B'
export type Id = string | number

export type ProductModel = {
  id: Id
  title: string
  /** Set for records the import created (it matches rows to records by slug). */
  slug?: string
  scope: Scope
  /** The stored document the public reads (when published and not trashed). */
  live: { status: Status; needs: number[] }
  /** The latest version: a pending draft, or the same as `live`. */
  latest: { status: Status; needs: number[]; review: Review }
  trashed: boolean
  deleted: boolean
  everPublished: boolean
  /** Review events the record must have. */
  events: number
}

export type NeedModel = { id: Id; published: boolean; override: Coverage | null }

export type Model = {
  products: ProductModel[]
  needs: NeedModel[]
  comments: number
  serial: number
}

/** What a command must lead to: done, refused with 403, or refused with some other 4xx. */
export type Expect = 'ok' | 'forbidden' | 'refused'

export const isStaff = (a: Actor) => a === 'editor' || a === 'admin'
export const isContributor = (a: Actor) => a === 'contributorA' || a === 'contributorB'
export const inScope = (a: Actor, p: { scope: Scope }) =>
  (a === 'contributorA' && p.scope === 'A') || (a === 'contributorB' && p.scope === 'B')

/** Published and not in the trash. */
export const isVisible = (p: ProductModel) =>
  !p.deleted && !p.trashed && p.live.status === 'published'

/** The pure function the promise names: override, else the count of live linking products. */
export function expectedCoverage(model: Model, needIndex: number) {
  const count = model.products.filter(
    (p) => isVisible(p) && p.live.needs.includes(needIndex),
  ).length
  const override = model.needs[needIndex]!.override
  return { count, coverage: override ?? coverageFromCount(count) }
}

/** The review state a save leads to (mirrors the documented workflow, not the code). */
export function nextReview(prev: Review, savedStatus: Status, requested?: Review): Review {
  if (savedStatus === 'published') return 'published'
  const r = requested ?? prev
  return r === 'published' ? 'draft' : r
}

/**
 * Applies a save to a product: a draft save changes the latest version only; any other save
 * writes the latest version, with the submitted changes, as the live document. Counts the review
 * event: one per change of state, and a takedown (live published → not) always counts as one.
 */
export function applySave(
  p: ProductModel,
  save: {
    draft: boolean
    status?: Status
    needs?: number[]
    review?: Review
    trashed?: boolean
  },
): void {
  const prev = p.latest.review
  const status: Status = save.draft ? 'draft' : (save.status ?? p.latest.status)
  const needs = save.needs ?? p.latest.needs
  const next = nextReview(prev, status, save.review)
  const wasPublished = p.live.status === 'published'
  p.latest = { status, needs: [...needs], review: next }
  if (!save.draft) {
    p.live = { status, needs: [...needs] }
    if (save.trashed !== undefined) p.trashed = save.trashed
    if (status === 'published') p.everPublished = true
  }
  const from = !save.draft && wasPublished && status !== 'published' ? 'published' : prev
  if (from !== next) p.events++
}
