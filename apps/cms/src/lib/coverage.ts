import { randomBytes } from 'node:crypto'

import { type Coverage, COLLECTIONS, coverageFromCount } from '@repo/types'
import type { PayloadRequest, Where } from 'payload'

import { recordChanges } from '../changes/store'
import { queueRevalidation } from '../hooks/revalidateSite'

export type CoverageTrigger = { product?: string | number; reason: string }

/** Context flag for writes made by our own hooks on behalf of the system, not the user. */
export const INTERNAL = 'internal'

export const relationIds = (value: unknown): (string | number)[] =>
  (Array.isArray(value) ? value : [])
    .map((v) => (v && typeof v === 'object' && 'id' in v ? (v as { id: string | number }).id : v))
    .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')

type Id = string | number

/** What a recount changed on a need: its stored values before and after. */
export type CoverageCorrection = {
  id: Id
  slug: string | null
  before: { coverage: Coverage | null; derivedCoverage: Coverage | null; count: number | null }
  after: { coverage: Coverage; derivedCoverage: Coverage; count: number }
}

/** Published products, not in the trash, whose live document links the need. */
export async function liveProductCount(req: PayloadRequest, needId: Id): Promise<number> {
  const { totalDocs } = await req.payload.count({
    collection: COLLECTIONS.knowledgeProducts,
    where: { and: [{ learningNeeds: { equals: needId } }, { _status: { equals: 'published' } }] },
    req,
    overrideAccess: true,
  })
  return totalDocs
}

/**
 * Recounts the live products that address a learning need and stores the derived coverage on it.
 * Coverage is a pure function of live data (the editor's override, else the count), so the
 * recount writes only the coverage fields, straight to the stored need and to its pending draft
 * if it has one: it never validates, publishes or re-saves the need (a contributor's unfinished
 * draft need must not make an unrelated product's publish fail), and it records no review step.
 * Returns what it corrected, or null when the stored values were already right.
 */
export async function recomputeCoverage(
  req: PayloadRequest,
  needId: Id,
  trigger: CoverageTrigger,
  options: { dryRun?: boolean } = {},
): Promise<CoverageCorrection | null> {
  const { payload } = req
  const need = (await payload.db.findOne({
    collection: COLLECTIONS.learningNeeds,
    where: { id: { equals: needId } },
    req,
  })) as Doc | null
  if (!need) return null
  const count = await liveProductCount(req, needId)
  const derived = coverageFromCount(count)
  const userId = req.user && 'role' in req.user ? req.user.id : null
  const before = {
    coverage: (need.coverage ?? null) as Coverage | null,
    derivedCoverage: (need.derivedCoverage ?? null) as Coverage | null,
    count: (need.publishedProductCount ?? null) as number | null,
  }
  const patch = nextCoverageState(
    { derivedCoverage: derived, publishedProductCount: count },
    need,
    { trusted: true, trigger, userId },
  )
  if (
    before.derivedCoverage === derived &&
    before.count === count &&
    before.coverage === patch.coverage
  ) {
    return null
  }
  const correction: CoverageCorrection = {
    id: needId,
    slug: (need.slug ?? null) as string | null,
    before,
    after: { coverage: patch.coverage as Coverage, derivedCoverage: derived, count },
  }
  if (options.dryRun) return correction
  await payload.db.updateOne({
    collection: COLLECTIONS.learningNeeds,
    id: needId,
    // The whole stored row: given only some fields, the SQLite adapter dropped the need's other
    // arrays (its sources).
    data: { ...need, ...patch },
    req,
  })
  // The latest version (a pending draft, or the snapshot of the live document) carries its own
  // copy of the fields: the admin shows it and the next save starts from it.
  const { docs } = await payload.db.findVersions({
    collection: COLLECTIONS.learningNeeds,
    where: { and: [{ parent: { equals: needId } }, { latest: { equals: true } }] },
    limit: 1,
    pagination: false,
    req,
  })
  const latest = docs[0] as Doc | undefined
  if (latest?.version) {
    const version = nextCoverageState(
      { derivedCoverage: derived, publishedProductCount: count },
      latest.version,
      { trusted: true, trigger, userId },
    )
    await payload.db.updateVersion({
      collection: COLLECTIONS.learningNeeds,
      id: latest.id,
      versionData: { ...latest, version: { ...latest.version, ...version } },
      req,
    })
  }
  // The coverage history is the need's, written without its hooks: its changelog entries here.
  await recordChanges(req, { collection: COLLECTIONS.learningNeeds, id: needId })
  if (need._status === 'published' && !need.deletedAt) {
    queueRevalidation(req, { collection: COLLECTIONS.learningNeeds, slug: need.slug ?? undefined })
  }
  return correction
}

export type ReconcileReport = { checked: number; corrected: CoverageCorrection[] }

/**
 * Recounts every learning need (trashed ones included; or those `where` matches) from the live
 * products and corrects any stored coverage that drifted from it (with `dryRun`, only reports
 * it). Used by the `reconcileCoverage` job and CLI.
 */
export async function reconcileCoverage(
  req: PayloadRequest,
  options: { where?: Where; dryRun?: boolean } = {},
): Promise<ReconcileReport> {
  const needs = await req.payload.find({
    collection: COLLECTIONS.learningNeeds,
    where: options.where,
    trash: true,
    pagination: false,
    depth: 0,
    select: {},
    overrideAccess: true,
    req,
  })
  const corrected: CoverageCorrection[] = []
  for (const need of needs.docs) {
    const fix = await recomputeCoverage(
      req,
      need.id,
      { reason: 'Reconciled with the published products' },
      { dryRun: options.dryRun },
    )
    if (fix) corrected.push(fix)
  }
  return { checked: needs.docs.length, corrected }
}

type Doc = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Fills `data` with the coverage fields that follow from it and from `originalDoc`: the derived
 * values (taken from `data` only when `trusted`), the effective coverage, and the history with a
 * new entry when the effective coverage changes.
 */
export function nextCoverageState(
  data: Doc,
  originalDoc: Doc | undefined,
  options: { trusted: boolean; trigger?: CoverageTrigger; userId: string | number | null },
): Doc {
  const { trusted, trigger } = options
  const derived = ((trusted ? data.derivedCoverage : undefined) ??
    originalDoc?.derivedCoverage ??
    'open') as Coverage
  data.derivedCoverage = derived
  data.publishedProductCount =
    (trusted ? data.publishedProductCount : undefined) ?? originalDoc?.publishedProductCount ?? 0

  const override = (
    'coverageOverride' in data ? data.coverageOverride : originalDoc?.coverageOverride
  ) as Coverage | null | undefined
  const next: Coverage = override || derived
  const previous = (originalDoc?.coverage ?? null) as Coverage | null
  const history = Array.isArray(originalDoc?.coverageHistory) ? originalDoc.coverageHistory : []
  data.coverage = next
  data.coverageHistory = history
  if (previous === next) return data

  const overrideChanged = (override ?? null) !== (originalDoc?.coverageOverride ?? null)
  const overrideReason = String(
    data.coverageOverrideReason ?? originalDoc?.coverageOverrideReason ?? '',
  ).trim()
  const reason =
    trigger?.reason ??
    (overrideChanged && override
      ? `Editor override: ${overrideReason}`
      : overrideChanged
        ? 'Editor override removed; coverage follows the linked products again'
        : previous === null
          ? 'Need recorded'
          : 'Derived from linked products')
  data.coverageHistory = [
    ...history,
    {
      // Array rows carry an ObjectId-shaped id; Payload adds one on normal saves, but the
      // direct write in recomputeCoverage skips that step.
      id: randomBytes(12).toString('hex'),
      from: previous,
      to: next,
      at: new Date().toISOString(),
      reason,
      product: trigger?.product ?? null,
      changedBy: options.userId,
    },
  ]
  return data
}
