/**
 * Suggested coverage, kept for the public map: per published learning need, its strong
 * suggestions (`isStrong`) as last computed. Computing them for every need reads the search
 * engine once per need (about 10 ms each at 100k products), too slow for a page view, so a
 * background job (`RECOMPUTE_SUGGESTIONS_TASK`) recomputes them after each public change of a
 * product or need, an import, or a decision, and records its progress in the
 * `suggestion-status` global. The map reads what is stored and re-checks it against today's
 * records: a product no longer public, a pair linked or decided since, never shows.
 */
import { COLLECTIONS, type MatrixSuggestion } from '@repo/types'
import type { CollectionConfig, GlobalConfig, Payload, PayloadRequest } from 'payload'

import { isStaff } from '../access/isStaff'
import { nobody } from '../access/nobody'
import { relationIds } from '../lib/coverage'
import { SUGGESTION_DECISIONS } from './decisions'
import { isStrong, SUGGESTED_STRENGTH, suggestionsFor } from './rank'

export const SUGGESTED_COVERAGE = 'suggested-coverage' as const
export const SUGGESTION_STATUS = 'suggestion-status' as const
export const RECOMPUTE_SUGGESTIONS_TASK = 'recomputeSuggestions'
/** Its own queue: a run of the default queue (scheduled publishing) never waits for it. */
export const SUGGESTIONS_QUEUE = 'suggestions'

/** Suggestions read per need when recomputing; the strong ones among them are kept. */
const PER_NEED = 10

type Id = string | number
type Stored = { product: string; strength: number; terms: string[] }

const idOf = (v: unknown): string =>
  String(v && typeof v === 'object' && 'id' in v ? (v as { id: Id }).id : v)

export const SuggestedCoverage: CollectionConfig = {
  slug: SUGGESTED_COVERAGE,
  labels: { singular: 'Suggested coverage', plural: 'Suggested coverage' },
  admin: {
    group: 'Demand',
    defaultColumns: ['need', 'count', 'computedAt'],
    description:
      'The strong suggestions per learning need that the public map shows in “include suggestions” mode. Written by the recompute job only; accept or dismiss suggestions on a need or in the triage view.',
  },
  access: { read: isStaff, create: nobody, update: nobody, delete: nobody },
  fields: [
    {
      name: 'need',
      type: 'relationship',
      relationTo: COLLECTIONS.learningNeeds,
      required: true,
      unique: true,
      index: true,
    },
    { name: 'count', type: 'number', required: true, min: 0 },
    {
      name: 'suggestions',
      type: 'json',
      required: true,
      admin: { description: 'Product id, strength (share of the need’s terms) and matched terms.' },
    },
    { name: 'computedAt', type: 'date', required: true },
  ],
}

export const SuggestionStatus: GlobalConfig = {
  slug: SUGGESTION_STATUS,
  label: 'Suggestion status',
  admin: {
    group: 'Demand',
    description: 'Progress of the job that recomputes the suggested coverage of the public map.',
  },
  access: { read: isStaff, update: nobody },
  fields: [
    {
      name: 'state',
      type: 'select',
      required: true,
      defaultValue: 'idle',
      options: [
        { label: 'Idle', value: 'idle' },
        { label: 'Queued', value: 'queued' },
        { label: 'Running', value: 'running' },
      ],
    },
    { name: 'done', type: 'number', defaultValue: 0 },
    { name: 'total', type: 'number', defaultValue: 0 },
    { name: 'reason', type: 'text' },
    { name: 'startedAt', type: 'date' },
    { name: 'computedAt', type: 'date', admin: { description: 'When the last run finished.' } },
    { name: 'error', type: 'text' },
  ],
}

export type SuggestionRunStatus = {
  state: 'idle' | 'queued' | 'running'
  done: number
  total: number
  reason: string | null
  startedAt: string | null
  computedAt: string | null
  error: string | null
}

export async function readSuggestionStatus(
  payload: Payload,
  req?: PayloadRequest,
): Promise<SuggestionRunStatus> {
  const g = (await payload.findGlobal({
    slug: SUGGESTION_STATUS,
    depth: 0,
    overrideAccess: true,
    req,
  })) as Partial<Record<keyof SuggestionRunStatus, unknown>>
  return {
    state: (g.state as SuggestionRunStatus['state']) ?? 'idle',
    done: Number(g.done ?? 0),
    total: Number(g.total ?? 0),
    reason: (g.reason as string) ?? null,
    startedAt: (g.startedAt as string) ?? null,
    computedAt: (g.computedAt as string) ?? null,
    error: (g.error as string) ?? null,
  }
}

const setStatus = (payload: Payload, data: Partial<SuggestionRunStatus>, req?: PayloadRequest) =>
  payload.updateGlobal({ slug: SUGGESTION_STATUS, data, overrideAccess: true, depth: 0, req })

/**
 * Queues one recompute unless one is already waiting (many changes, one run). Pass the write's
 * `req`, so the job exists exactly when the change commits.
 */
export async function queueSuggestionRecompute(
  payload: Payload,
  reason: string,
  req?: PayloadRequest,
): Promise<void> {
  const waiting = await payload.count({
    collection: 'payload-jobs',
    where: {
      and: [
        { taskSlug: { equals: RECOMPUTE_SUGGESTIONS_TASK } },
        { processing: { equals: false } },
        { completedAt: { exists: false } },
        { hasError: { not_equals: true } },
      ],
    },
    overrideAccess: true,
    req,
  })
  if (waiting.totalDocs > 0) return
  await payload.jobs.queue({
    task: RECOMPUTE_SUGGESTIONS_TASK,
    queue: SUGGESTIONS_QUEUE,
    input: { reason },
    req,
  })
  await setStatus(payload, { state: 'queued', reason }, req)
}

/**
 * Recomputes every published need's strong suggestions and stores them (one record per need;
 * records of needs no longer published are removed). Progress goes to `suggestion-status`
 * about twenty times a run.
 */
export async function recomputeSuggestedCoverage(
  payload: Payload,
  reason: string,
  req?: PayloadRequest,
): Promise<{ needs: number; suggested: number }> {
  const startedAt = new Date().toISOString()
  const { docs: needs } = await payload.find({
    collection: COLLECTIONS.learningNeeds,
    where: { _status: { equals: 'published' } },
    depth: 0,
    pagination: false,
    limit: 0,
    overrideAccess: true,
    select: {},
    req,
  })
  const { docs: existing } = await payload.find({
    collection: SUGGESTED_COVERAGE,
    depth: 0,
    pagination: false,
    limit: 0,
    overrideAccess: true,
    select: { need: true },
    req,
  })
  const stored = new Map(existing.map((d) => [idOf(d.need), d.id as Id]))
  await setStatus(
    payload,
    { state: 'running', done: 0, total: needs.length, reason, startedAt, error: null },
    req,
  )
  const step = Math.max(1, Math.ceil(needs.length / 20))
  let suggested = 0
  for (const [i, need] of needs.entries()) {
    const list = await suggestionsFor(payload, 'need', need.id as Id, { limit: PER_NEED })
    const strong: Stored[] = (list?.suggestions ?? []).filter(isStrong).map((s) => ({
      product: s.id,
      strength: Number(s.strength.toFixed(4)),
      terms: s.why.terms,
    }))
    if (strong.length > 0) suggested++
    const data = {
      need: need.id,
      count: strong.length,
      suggestions: strong,
      computedAt: new Date().toISOString(),
    }
    const id = stored.get(String(need.id))
    if (id === undefined) {
      await payload.create({
        collection: SUGGESTED_COVERAGE,
        data,
        overrideAccess: true,
        depth: 0,
        req,
      })
    } else {
      stored.delete(String(need.id))
      await payload.update({
        collection: SUGGESTED_COVERAGE,
        id,
        data,
        overrideAccess: true,
        depth: 0,
        req,
      })
    }
    if ((i + 1) % step === 0) await setStatus(payload, { done: i + 1 }, req)
  }
  if (stored.size > 0) {
    await payload.delete({
      collection: SUGGESTED_COVERAGE,
      where: { id: { in: [...stored.values()] } },
      overrideAccess: true,
      req,
    })
  }
  await setStatus(
    payload,
    {
      state: 'idle',
      done: needs.length,
      total: needs.length,
      computedAt: new Date().toISOString(),
    },
    req,
  )
  return { needs: needs.length, suggested }
}

/**
 * The stored strong suggestions of these needs, checked against today: only published
 * products, not linked to the need or decided on since, with their current title and themes.
 */
export async function readSuggestedCoverage(
  payload: Payload,
  needIds: Id[],
  themeSlugById: Map<string, string>,
): Promise<Map<string, MatrixSuggestion[]>> {
  const out = new Map<string, MatrixSuggestion[]>()
  if (needIds.length === 0) return out
  const common = { depth: 0, pagination: false, limit: 0, overrideAccess: true } as const
  const { docs } = await payload.find({
    ...common,
    collection: SUGGESTED_COVERAGE,
    where: { and: [{ need: { in: needIds } }, { count: { greater_than: 0 } }] },
    select: { need: true, suggestions: true },
  })
  const byNeed = docs.map((d) => ({
    need: idOf(d.need),
    list: (Array.isArray(d.suggestions) ? d.suggestions : []) as Stored[],
  }))
  const productIds = [...new Set(byNeed.flatMap((n) => n.list.map((s) => s.product)))]
  if (productIds.length === 0) return out
  const [products, decisions] = await Promise.all([
    payload.find({
      ...common,
      collection: COLLECTIONS.knowledgeProducts,
      where: { and: [{ id: { in: productIds } }, { _status: { equals: 'published' } }] },
      select: { title: true, slug: true, themes: true, learningNeeds: true },
    }),
    payload.find({
      ...common,
      collection: SUGGESTION_DECISIONS,
      where: { need: { in: byNeed.map((n) => n.need) } },
      select: { need: true, product: true },
    }),
  ])
  const live = new Map(products.docs.map((p) => [String(p.id), p]))
  const decided = new Set(decisions.docs.map((d) => `${idOf(d.need)}:${idOf(d.product)}`))
  for (const { need, list } of byNeed) {
    const shown: MatrixSuggestion[] = []
    for (const s of list) {
      const p = live.get(String(s.product))
      if (!p || decided.has(`${need}:${s.product}`)) continue
      if (relationIds(p.learningNeeds).some((n) => String(n) === need)) continue
      if (s.strength < SUGGESTED_STRENGTH) continue
      shown.push({
        id: p.id,
        slug: p.slug ?? null,
        title: p.title,
        strength: s.strength,
        terms: s.terms,
        themes: relationIds(p.themes)
          .map((t) => themeSlugById.get(String(t)))
          .filter((t): t is string => t !== undefined),
      })
    }
    if (shown.length > 0) out.set(need, shown)
  }
  return out
}
