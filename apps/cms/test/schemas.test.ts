/**
 * Drift between the CMS (Payload's config and generated `payload-types.ts`) and the public
 * shapes in `@repo/types`.
 *
 * - At run time: every seeded record, fetched over REST exactly as the SDK fetches it (same
 *   depth, populate and select, via `restQuery`), parses with the zod schemas.
 * - At type level (checked by `pnpm typecheck`, which compiles this file): the zod-inferred types
 *   and the generated Payload types agree on field names and value types.
 */
import { randomUUID } from 'node:crypto'

import {
  COLLECTIONS,
  InsightSchema,
  LearningNeedSchema,
  MatrixSchema,
  OrganisationSchema,
  pageSchema,
  PartnershipSchema,
  ProductSchema,
  ProgrammeSchema,
  type PublicCollection,
  restQuery,
  ThemeSchema,
  type Insight,
  type LearningNeed,
  type Organisation,
  type Partnership,
  type Product,
  type Programme,
  type Theme,
  type ThemeRef,
  type ProgrammeRef,
  type OrganisationRef,
  type PartnershipRef,
  type LearningNeedRef,
  type ProductRef,
  type Where,
} from '@repo/types'
import type { Where as PayloadWhere } from 'payload'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import type { z } from 'zod'

import type * as P from '../src/payload-types'
import { seed } from '../src/seed'
import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'

const SCHEMAS: Record<PublicCollection, z.ZodType> = {
  [COLLECTIONS.knowledgeProducts]: ProductSchema,
  [COLLECTIONS.learningNeeds]: LearningNeedSchema,
  [COLLECTIONS.partnerships]: PartnershipSchema,
  [COLLECTIONS.themes]: ThemeSchema,
  [COLLECTIONS.programmes]: ProgrammeSchema,
  [COLLECTIONS.organisations]: OrganisationSchema,
  [COLLECTIONS.insights]: InsightSchema,
}

/** Relations each record populates, to check that no readable related record is dropped. */
const RELATIONS: Partial<Record<PublicCollection, string[]>> = {
  [COLLECTIONS.knowledgeProducts]: ['partnerships', 'themes', 'organisations', 'learningNeeds'],
  [COLLECTIONS.learningNeeds]: ['raisedBy', 'themes'],
  [COLLECTIONS.partnerships]: ['members', 'themes'],
  [COLLECTIONS.insights]: ['learningNeeds', 'products'],
}

describeEachDatabase('zod schemas match what the CMS serves', (kind) => {
  let cms: TestCms
  let apiKey: string

  beforeAll(async () => {
    cms = await startCms(kind)
    await seed(cms.payload, { log: () => {} })
    const { payload } = cms
    // The seed has no insights; add one, and a draft product, so every collection has records.
    const partnership = (await payload.find({ collection: COLLECTIONS.partnerships, limit: 1 }))
      .docs[0]!
    const product = (await payload.find({ collection: COLLECTIONS.knowledgeProducts, limit: 1 }))
      .docs[0]!
    const need = (await payload.find({ collection: COLLECTIONS.learningNeeds, limit: 1 })).docs[0]!
    await payload.create({
      collection: COLLECTIONS.insights,
      data: {
        title: 'What the partnership learned',
        body: 'A lesson.',
        partnership: partnership.id,
        date: '2024-05-01T00:00:00.000Z',
        learningNeeds: [need.id],
        products: [product.id],
        _status: 'published',
      },
      overrideAccess: true,
    })
    await payload.create({
      collection: COLLECTIONS.knowledgeProducts,
      data: { title: 'Draft for the drift test', type: 'dataset', _status: 'draft' },
      draft: true,
      overrideAccess: true,
    })
    apiKey = randomUUID()
    await payload.create({
      collection: COLLECTIONS.users,
      data: {
        email: 'drift-editor@example.org',
        password: 'a-long-password-123',
        name: 'Drift editor',
        role: 'editor',
        enableAPIKey: true,
        apiKey,
      },
      overrideAccess: true,
    })
  })

  afterAll(async () => {
    await cms?.close()
  })

  const fetchJson = async (path: string, params: URLSearchParams, draft: boolean) => {
    const res = await cms.fetch(`${cms.baseUrl}/api${path}?${params}`, {
      headers: draft ? { Authorization: `users API-Key ${apiKey}` } : {},
    })
    expect(res.status).toBe(200)
    return (await res.json()) as { docs: Record<string, unknown>[]; totalDocs: number }
  }

  for (const collection of Object.keys(SCHEMAS) as PublicCollection[]) {
    for (const draft of [false, true]) {
      it(`should parse every ${collection} record${draft ? ', drafts included,' : ''} in list and get shapes`, async () => {
        const schema = SCHEMAS[collection]
        const list = await fetchJson(
          `/${collection}`,
          restQuery(collection, { mode: 'list', limit: 500, draft }),
          draft,
        )
        const { totalDocs } = await cms.payload.count({
          collection,
          overrideAccess: true,
          ...(draft || !['knowledge-products', 'learning-needs', 'insights'].includes(collection)
            ? {}
            : { where: { _status: { equals: 'published' } } }),
        })
        expect(list.totalDocs).toBe(totalDocs)
        expect(list.docs.length).toBeGreaterThan(0)
        pageSchema(schema).parse(list)

        for (const raw of list.docs) {
          const got = await fetchJson(
            `/${collection}`,
            restQuery(collection, {
              mode: 'get',
              where: { slug: { equals: raw.slug as string } },
              limit: 1,
              draft,
            }),
            draft,
          )
          expect(got.docs).toHaveLength(1)
          const result = schema.safeParse(got.docs[0])
          if (!result.success) {
            throw new Error(`${collection} "${String(raw.slug)}": ${result.error.message}`)
          }
          const parsed = result.data as Record<string, unknown>
          // The SDK selects the schema's fields: nothing else (joins, editorial state) comes back.
          const known = Object.keys((schema as z.ZodObject).shape)
          expect(Object.keys(got.docs[0]!).filter((k) => !known.includes(k))).toEqual([])
          for (const rel of RELATIONS[collection] ?? []) {
            // An editor can read everything, so no related record may have been dropped.
            if (draft) {
              expect((parsed[rel] as unknown[]).length).toBe(
                ((got.docs[0]![rel] as unknown[] | null) ?? []).length,
              )
            }
          }
        }
      })
    }
  }

  it('should parse the matrix on both axes', async () => {
    for (const axis of ['learning-needs', 'types']) {
      const res = await cms.fetch(`${cms.baseUrl}/api/map/matrix?axis=${axis}`)
      expect(res.status).toBe(200)
      const matrix = MatrixSchema.parse(await res.json())
      expect(matrix.rows.length).toBeGreaterThan(0)
    }
  })

  it('should keep populated relations to the small ref shape', async () => {
    const list = await fetchJson(
      `/${COLLECTIONS.knowledgeProducts}`,
      restQuery(COLLECTIONS.knowledgeProducts, {
        mode: 'list',
        limit: 1,
        where: { partnerships: { exists: true } },
      }),
      false,
    )
    const partnership = (list.docs[0]!.partnerships as Record<string, unknown>[])[0]
    expect(Object.keys(partnership ?? {}).sort()).toEqual(['id', 'name', 'programme', 'slug'])
  })
})

/** Relationship fields: the public shape populates them as refs, Payload types them as id | doc. */
type ProductRels = 'partnerships' | 'themes' | 'organisations' | 'learningNeeds' | 'file'
// `statedBy` is a group holding a relationship (its organisation), so it counts as one.
type NeedRels = 'raisedBy' | 'programme' | 'themes' | 'coverageHistory' | 'statedBy'
type PartnershipRels = 'programme' | 'lead' | 'members' | 'themes'
type InsightRels = 'partnership' | 'learningNeeds' | 'products'

/**
 * Fields of the CMS that the public shape leaves out on purpose: joins (the SDK asks for the
 * joined records with a filter instead), editorial workflow state, trash, write-only helpers and
 * the editors-only record of a visitor's proposal.
 */
type NotPublic =
  | 'proposal'
  | 'addressedBy'
  | 'products'
  | 'learningNeeds'
  | 'reviewStatus'
  | 'reviewComment'
  | 'reviewHistory'
  | 'deletedAt'
  | 'linkProducts'
  | 'search'

/** Compiles only when every key in `Keys` is listed in `NotPublic` (`never` passes). */
const onlyNotPublic = <Keys extends NotPublic>(): Keys | undefined => undefined

/**
 * Slugs are optional in Payload's types (the field is filled by a hook) but always present in
 * what the API serves, so the public shape types them as `string`; ids are `number | string`.
 */
type Loose = 'id' | 'slug'

describe('zod-inferred types and payload-types agree', () => {
  it('should have the same value types for enumerations', () => {
    expectTypeOf<Product['type']>().toEqualTypeOf<P.KnowledgeProduct['type']>()
    expectTypeOf<Product['languages'][number]>().toEqualTypeOf<
      NonNullable<P.KnowledgeProduct['languages']>[number]
    >()
    expectTypeOf<Product['audience'][number]>().toEqualTypeOf<
      NonNullable<P.KnowledgeProduct['audience']>[number]
    >()
    expectTypeOf<LearningNeed['kind']>().toEqualTypeOf<P.LearningNeed['kind']>()
    expectTypeOf<LearningNeed['coverage']>().toEqualTypeOf<P.LearningNeed['coverage']>()
    expectTypeOf<LearningNeed['priority']>().toEqualTypeOf<P.LearningNeed['priority']>()
    expectTypeOf<Organisation['kind']>().toEqualTypeOf<P.Organisation['kind']>()
  })

  it('should expose only fields the CMS has, and every field it has but a known few', () => {
    expectTypeOf<keyof Product>().toExtend<keyof P.KnowledgeProduct>()
    expectTypeOf<keyof Theme>().toExtend<keyof P.Theme>()
    expectTypeOf<keyof Programme>().toExtend<keyof P.Programme>()
    expectTypeOf<keyof Organisation>().toExtend<keyof P.Organisation>()
    expectTypeOf<keyof Insight>().toExtend<keyof P.Insight>()
    expectTypeOf<keyof LearningNeed>().toExtend<keyof P.LearningNeed>()
    expectTypeOf<keyof Partnership>().toExtend<keyof P.Partnership>()
    // A field the CMS adds shows up here until it is either public (in the schema) or listed.
    onlyNotPublic<Exclude<keyof P.KnowledgeProduct, keyof Product>>()
    onlyNotPublic<Exclude<keyof P.Theme, keyof Theme>>()
    onlyNotPublic<Exclude<keyof P.Programme, keyof Programme>>()
    onlyNotPublic<Exclude<keyof P.Organisation, keyof Organisation>>()
    onlyNotPublic<Exclude<keyof P.Insight, keyof Insight>>()
    onlyNotPublic<Exclude<keyof P.LearningNeed, keyof LearningNeed>>()
    onlyNotPublic<Exclude<keyof P.Partnership, keyof Partnership>>()
    // Refs carry a subset of their record's fields.
    expectTypeOf<keyof ThemeRef>().toExtend<keyof P.Theme>()
    expectTypeOf<keyof ProgrammeRef>().toExtend<keyof P.Programme>()
    expectTypeOf<keyof OrganisationRef>().toExtend<keyof P.Organisation>()
    expectTypeOf<keyof PartnershipRef>().toExtend<keyof P.Partnership>()
    expectTypeOf<keyof LearningNeedRef>().toExtend<keyof P.LearningNeed>()
    expectTypeOf<keyof ProductRef>().toExtend<keyof P.KnowledgeProduct>()
  })

  it('should accept what Payload says a record is (schema input ⊇ payload type)', () => {
    expectTypeOf<P.KnowledgeProduct['id']>().toExtend<Product['id']>()
    expectTypeOf<Omit<P.KnowledgeProduct, Loose | ProductRels | NotPublic>>().toExtend<
      Omit<z.input<typeof ProductSchema>, Loose | ProductRels>
    >()
    expectTypeOf<Omit<P.Theme, Loose | NotPublic>>().toExtend<
      Omit<z.input<typeof ThemeSchema>, Loose>
    >()
    expectTypeOf<Omit<P.Programme, Loose | NotPublic>>().toExtend<
      Omit<z.input<typeof ProgrammeSchema>, Loose>
    >()
    expectTypeOf<Omit<P.Organisation, Loose | NotPublic>>().toExtend<
      Omit<z.input<typeof OrganisationSchema>, Loose>
    >()
    expectTypeOf<Omit<P.LearningNeed, Loose | NeedRels | NotPublic>>().toExtend<
      Omit<z.input<typeof LearningNeedSchema>, Loose | NeedRels>
    >()
    expectTypeOf<Omit<P.Partnership, Loose | PartnershipRels | NotPublic>>().toExtend<
      Omit<z.input<typeof PartnershipSchema>, Loose | PartnershipRels>
    >()
    expectTypeOf<Omit<P.Insight, Loose | InsightRels | NotPublic>>().toExtend<
      Omit<z.input<typeof InsightSchema>, Loose | InsightRels>
    >()
  })

  it('should give values Payload accepts (inferred output ⊆ payload type)', () => {
    expectTypeOf<Omit<Product, 'id' | ProductRels>>().toExtend<
      Omit<P.KnowledgeProduct, 'id' | ProductRels>
    >()
    expectTypeOf<Omit<Theme, 'id'>>().toExtend<Omit<P.Theme, 'id'>>()
    expectTypeOf<Omit<Programme, 'id'>>().toExtend<Omit<P.Programme, 'id'>>()
    expectTypeOf<Omit<Organisation, 'id'>>().toExtend<Omit<P.Organisation, 'id'>>()
    expectTypeOf<Omit<LearningNeed, 'id' | NeedRels>>().toExtend<
      Omit<P.LearningNeed, 'id' | NeedRels>
    >()
    expectTypeOf<Omit<Partnership, 'id' | PartnershipRels>>().toExtend<
      Omit<P.Partnership, 'id' | PartnershipRels>
    >()
    expectTypeOf<Omit<Insight, 'id' | InsightRels>>().toExtend<
      Omit<P.Insight, 'id' | InsightRels>
    >()
    // A where clause from the filter language is a Payload where clause.
    expectTypeOf<Where>().toExtend<PayloadWhere>()
  })
})
