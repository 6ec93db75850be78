import { configToSchema } from '@payloadcms/graphql'
import { COLLECTIONS } from '@repo/types'
import { createRequire } from 'node:module'

import type { graphql as GraphqlFn, GraphQLSchema } from 'graphql'
import { createLocalReq, type Payload, type SanitizedConfig } from 'payload'
import { expect } from 'vitest'

import { reconcileCoverage } from '../../src/lib/coverage'
import { REVIEW_EVENTS } from '../../src/review/states'
import type { TestCms } from '../helpers/payload'
import type { World } from '../helpers/world'
import { expectedCoverage, isVisible, type Model } from './model'

/** The system under test, for one sequence of commands. */
export type Real = {
  payload: Payload
  fetch: TestCms['fetch']
  baseUrl: string
  world: World
  graphql: GraphQLSchema
  /** Unique to the sequence; in every title it creates. */
  tag: string
}

// Payload's schema is built with the `graphql` Node resolves (CommonJS); vitest would hand this
// file the ES build, a second copy graphql refuses to mix with. Use Node's.
const { graphql } = createRequire(import.meta.url)('graphql') as { graphql: typeof GraphqlFn }
export const executeGraphql = graphql

let schema: GraphQLSchema | undefined
export const graphqlSchema = (config: SanitizedConfig) => (schema ??= configToSchema(config).schema)

type Doc = { id: number | string; _status?: string; learningNeeds?: unknown[] }

const sortIds = (ids: (string | number)[]) => ids.map(String).sort()

/**
 * (a) anonymous REST and GraphQL show exactly the model's published, not trashed products, each
 *     as its live version (no draft content), and only the published need;
 * (b) every need's stored coverage and count are the pure function of the model;
 * (d) each product has exactly the review events the model counted, one per change of state;
 * (e) the reconcile task finds no drift.
 * (c) is checked by each command: a refused contributor action answered 403 and left the model,
 * and so the live state, unchanged.
 */
export async function checkInvariants(model: Model, real: Real, after: string): Promise<void> {
  const why = (what: string) => `${what}, after ${after}`
  const ids = model.products.map((p) => p.id)
  const visible = model.products.filter(isVisible)

  if (ids.length > 0) {
    const query = `where[id][in]=${ids.join(',')}&depth=0&limit=100`
    const url = `${real.baseUrl}/api/${COLLECTIONS.knowledgeProducts}?${query}`
    // Asking for the trash or for drafts must not show an anonymous visitor more.
    const res = await real.fetch(`${url}&trash=true`)
    expect(res.status, why('anonymous REST')).toBe(200)
    const body = (await res.json()) as { docs: Doc[] }
    expect(sortIds(body.docs.map((d) => d.id)), why('anonymous REST products')).toEqual(
      sortIds(visible.map((p) => p.id)),
    )
    for (const doc of body.docs) {
      const p = visible.find((v) => String(v.id) === String(doc.id))!
      expect(doc._status, why(`REST status of #${doc.id}`)).toBe('published')
      expect(
        sortIds((doc.learningNeeds ?? []) as number[]),
        why(`REST needs of #${doc.id}`),
      ).toEqual(sortIds(p.live.needs.map((n) => model.needs[n]!.id)))
    }

    const drafts = (await (await real.fetch(`${url}&draft=true`)).json()) as { docs: Doc[] }
    for (const doc of drafts.docs) {
      expect(doc._status, why(`REST ?draft=true status of #${doc.id}`)).toBe('published')
      expect(visible.some((v) => String(v.id) === String(doc.id))).toBe(true)
    }

    const gql = await graphql({
      schema: real.graphql,
      source: `query ($tag: String) { KnowledgeProducts(where: { title: { like: $tag } }, limit: 100, trash: true) { docs { id _status } } }`,
      variableValues: { tag: real.tag },
      contextValue: { req: await createLocalReq({}, real.payload), headers: {} },
    })
    expect(gql.errors?.map((e) => e.message).join('; '), why('anonymous GraphQL')).toBeUndefined()
    const docs = (gql.data as { KnowledgeProducts: { docs: Doc[] } }).KnowledgeProducts.docs
    expect(sortIds(docs.map((d) => d.id)), why('anonymous GraphQL products')).toEqual(
      sortIds(visible.map((p) => p.id)),
    )
    expect(docs.every((d) => d._status === 'published')).toBe(true)
  }

  const needIds = model.needs.map((n) => n.id)
  const needsRes = await real.fetch(
    `${real.baseUrl}/api/${COLLECTIONS.learningNeeds}?where[id][in]=${needIds.join(',')}&depth=0`,
  )
  const needsBody = (await needsRes.json()) as { docs: Doc[] }
  expect(sortIds(needsBody.docs.map((d) => d.id)), why('anonymous REST needs')).toEqual(
    sortIds(model.needs.filter((n) => n.published).map((n) => n.id)),
  )

  for (const [i, need] of model.needs.entries()) {
    const stored = (await real.payload.db.findOne({
      collection: COLLECTIONS.learningNeeds,
      where: { id: { equals: need.id } },
    })) as { coverage?: string; publishedProductCount?: number } | null
    const want = expectedCoverage(model, i)
    expect(
      { coverage: stored?.coverage, count: stored?.publishedProductCount },
      why(`coverage of need[${i}]`),
    ).toEqual({ coverage: want.coverage, count: want.count })
  }

  if (ids.length > 0) {
    const { docs: events } = await real.payload.find({
      collection: REVIEW_EVENTS,
      where: {
        and: [
          { 'record.relationTo': { equals: COLLECTIONS.knowledgeProducts } },
          { 'record.value': { in: ids } },
        ],
      },
      pagination: false,
      depth: 0,
    })
    // A deleted record's events stay, but Payload drops their link to it with the record.
    for (const p of model.products.filter((x) => !x.deleted)) {
      const mine = events.filter(
        (e) => String((e.record as { value: unknown }).value) === String(p.id),
      )
      expect(mine.length, why(`review events of #${p.id}`)).toBe(p.events)
    }
  }

  const req = await createLocalReq({}, real.payload)
  const drift = await reconcileCoverage(req, {
    where: { id: { in: needIds } },
    dryRun: true,
  })
  expect(drift.corrected, why('reconcile drift')).toEqual([])
}
