/**
 * "Suggested" coverage for the public map: a need no published product is linked to (no
 * confirmed coverage) whose best suggestion is strong (`isStrong`: at least SUGGESTED_STRENGTH
 * of its terms' weight and two terms). For the matrix's "include suggestions" mode.
 */
import { COLLECTIONS } from '@repo/types'
import type { Payload } from 'payload'

import { isStrong, type Suggestion, suggestionsFor } from './rank'

type Id = string | number

/** Per published need with no confirmed link: its strong best suggestion, if it has one. */
export async function suggestedCoverage(
  payload: Payload,
  needIds?: Id[],
): Promise<Map<string, Suggestion>> {
  const { docs } = await payload.find({
    collection: COLLECTIONS.learningNeeds,
    where: {
      and: [
        { _status: { equals: 'published' } },
        { publishedProductCount: { equals: 0 } },
        ...(needIds ? [{ id: { in: needIds } }] : []),
      ],
    },
    depth: 0,
    pagination: false,
    limit: 0,
    overrideAccess: true,
    select: {},
  })
  const out = new Map<string, Suggestion>()
  for (const need of docs) {
    const best = (await suggestionsFor(payload, 'need', need.id, { limit: 1 }))?.suggestions[0]
    if (best && isStrong(best)) out.set(String(need.id), best)
  }
  return out
}
