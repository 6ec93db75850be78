import { randomBytes } from 'node:crypto'

import { COLLECTIONS, type CollectionSlug, type Language, LANGUAGES, slugify } from '@repo/types'
import type { Payload, RequiredDataFromCollectionSlug } from 'payload'

import facts from './data/seed-facts.json' with { type: 'json' }
import {
  NEED_EDITORIAL,
  NEED_THEME_NOTE,
  PARTNERSHIP_THEMES,
  PRODUCT_THEME_NOTE,
  PRODUCT_TYPE_MAP,
  THEME_NOTE,
  THEMES,
} from './editorial'

export type SeedLog = (message: string) => void

export type SeedOptions = {
  log?: SeedLog
  adminEmail?: string
  adminPassword?: string
}

export type SeedReport = {
  created: Record<string, number>
  existing: Record<string, number>
  /** Set only when the seed generated the first admin's password. */
  generatedAdmin?: { email: string; password: string }
  /** Published needs, and how many have a suggestion strong enough for the map. */
  suggestions?: { needs: number; suggested: number }
}

import { recomputeSuggestedCoverage } from '../suggest/snapshot'

type Id = string | number

type ProductFacts = (typeof facts.knowledgeProducts)[number]

const isString = (v: unknown): v is string => typeof v === 'string' && v !== ''
const isLanguage = (v: string): v is Language => LANGUAGES.some((l) => l.value === v)
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The product's authors and publishers, as the facts name them. */
const productOrganisations = (kp: ProductFacts): string[] => [
  ...new Set(
    [...((kp as { organisations?: string[] | null }).organisations ?? []), kp.publisher].filter(
      isString,
    ),
  ),
]

/** The facts' `confidence` and `note`, as the record's provenance fields. */
const provenance = (f: { confidence?: string | null; note?: string | null }) =>
  f.confidence === 'inferred from context'
    ? { confidence: 'inferred' as const, provenanceNote: f.note ?? undefined }
    : { confidence: 'stated' as const, provenanceNote: f.note ?? undefined }

/**
 * Loads the real facts of `seed-facts.json`: programmes, themes, partnerships with their
 * organisations, the knowledge products, and the learning needs as they were stated (who stated
 * each, when, and where). Product ↔ need links are editorial judgements no source states, so none
 * is seeded. Records are matched by slug, so running it again creates nothing new and leaves
 * editors' changes alone.
 */
export async function seed(payload: Payload, options: SeedOptions = {}): Promise<SeedReport> {
  const log = options.log ?? ((m: string) => payload.logger.info(m))
  const report: SeedReport = { created: {}, existing: {} }

  async function upsert<S extends CollectionSlug>(
    collection: S,
    slug: string,
    data: Omit<RequiredDataFromCollectionSlug<S>, 'slug'>,
  ): Promise<Id> {
    const found = await payload.find({
      collection,
      where: { slug: { equals: slug } },
      limit: 1,
      depth: 0,
      draft: true,
      overrideAccess: true,
      pagination: false,
      select: {},
    })
    const existing = found.docs[0]
    if (existing) {
      report.existing[collection] = (report.existing[collection] ?? 0) + 1
      return (existing as { id: Id }).id
    }
    const doc = await payload.create({
      collection,
      data: { ...data, slug } as RequiredDataFromCollectionSlug<S>,
      depth: 0,
      overrideAccess: true,
      // One seed run is not 90 page changes: the site refreshes on its own schedule after it.
      context: { skipRevalidate: true },
    })
    report.created[collection] = (report.created[collection] ?? 0) + 1
    return (doc as { id: Id }).id
  }

  const step = (label: string, i: number, n: number) => {
    if (i === n || i % 10 === 0) log(`  ${label} ${i}/${n}`)
  }

  log('Seeding programmes…')
  const programmeIds = new Map<string, Id>()
  for (const [i, p] of facts.programmes.entries()) {
    const shortName = p.name.replace(/\s*\(.*\)$/, '')
    programmeIds.set(
      p.name,
      await upsert(COLLECTIONS.programmes, slugify(shortName), {
        name: p.name,
        startYear: p.period[0]!,
        endYear: p.period[1]!,
        description: p.facts,
        sources: p.sources.map((url) => ({ url })),
      }),
    )
    step('programmes', i + 1, facts.programmes.length)
  }
  const programmeByPrefix = (name: string): Id => {
    const match = [...programmeIds.entries()].find(([full]) => full.startsWith(name))
    if (!match) throw new Error(`Seed facts name an unknown programme: ${name}`)
    return match[1]
  }

  log('Seeding themes…')
  const themeIds = new Map<string, Id>()
  for (const [i, title] of facts.themes.entries()) {
    const t = THEMES[i]!
    themeIds.set(
      t.key,
      await upsert(COLLECTIONS.themes, t.slug, {
        title,
        shortTitle: t.shortTitle,
        order: i + 1,
        colour: t.colour,
        sources: [{ url: facts.themesSource }],
      }),
    )
    step('themes', i + 1, facts.themes.length)
  }

  log('Seeding organisations…')
  const orgNames = new Set<string>()
  for (const p of facts.partnerships) {
    if (p.lead) orgNames.add(p.lead)
    for (const m of p.members ?? []) orgNames.add(m)
  }
  for (const kp of facts.knowledgeProducts)
    for (const o of productOrganisations(kp)) orgNames.add(o)
  const orgIds = new Map<string, Id>()
  let n = 0
  for (const name of orgNames) {
    orgIds.set(name, await upsert(COLLECTIONS.organisations, slugify(name), { name }))
    step('organisations', ++n, orgNames.size)
  }

  log('Seeding partnerships…')
  const partnershipIds = new Map<string, Id>()
  const seenNames = new Set<string>()
  for (const [i, p] of facts.partnerships.entries()) {
    const programmeId = programmeByPrefix(p.programme)
    const programme = facts.programmes.find((x) => x.name.startsWith(p.programme))!
    // The same alliance ran in both programmes; the later one gets the period in its slug.
    const slug = seenNames.has(p.name)
      ? `${slugify(p.name)}-${programme.period[0]}-${programme.period[1]}`
      : slugify(p.name)
    seenNames.add(p.name)
    const themes = (PARTNERSHIP_THEMES[p.name] ?? []).map((k) => themeIds.get(k)!)
    const id = await upsert(COLLECTIONS.partnerships, slug, {
      name: p.name,
      programme: programmeId as number,
      lead: p.lead ? (orgIds.get(p.lead) as number) : undefined,
      members: (p.members ?? []).map((m) => orgIds.get(m) as number),
      focus: p.focus,
      iatiIdentifier: p.iati ?? undefined,
      themes: themes as number[],
      editorialNote: themes.length ? THEME_NOTE : undefined,
      sources: p.source ? [{ url: p.source }] : [],
    })
    partnershipIds.set(`${p.programme}|${p.name}`, id)
    if (!partnershipIds.has(p.name)) partnershipIds.set(p.name, id)
    step('partnerships', i + 1, facts.partnerships.length)
  }

  log('Seeding learning needs (as stated by partnerships, Partos and knowledge platforms)…')
  const partnershipByStatedBy = (statedBy: string): Id | undefined => {
    // Only a partnership named at the start of "stated by" counts; a resemblance is not a fact.
    const named = facts.partnerships
      .filter((p) => p.programme === 'Strengthening Civil Society')
      .filter(
        (p) => statedBy === p.name || new RegExp(`^${escapeRegExp(p.name)}[ (]`).test(statedBy),
      )
      .sort((x, y) => y.name.length - x.name.length)[0]
    return named ? partnershipIds.get(`${named.programme}|${named.name}`) : undefined
  }
  for (const [i, need] of facts.learningNeeds.entries()) {
    const editorial = NEED_EDITORIAL.find((e) => need.statement.startsWith(e.startsWith))
    if (!editorial) throw new Error(`No editorial title for the need "${need.statement}"`)
    const raisedBy = partnershipByStatedBy(need.statedBy)
    const organisation = orgIds.get(need.statedBy)
    await upsert(COLLECTIONS.learningNeeds, slugify(editorial.title), {
      title: editorial.title,
      description: need.statement,
      kind: need.type === 'knowledge gap' ? 'knowledge-gap' : 'learning-need',
      programme: programmeByPrefix(need.programme) as number,
      raisedBy: raisedBy === undefined ? [] : [raisedBy as number],
      statedBy: { name: need.statedBy, organisation: organisation as number | undefined },
      statedYear: need.year ?? undefined,
      topic: need.theme ?? undefined,
      themes: editorial.themes.map((k) => themeIds.get(k)!) as number[],
      editorialNote: NEED_THEME_NOTE,
      ...provenance(need),
      sources: [{ url: need.source, label: `Stated as: ${need.type}` }],
      _status: 'published',
    })
    step('learning needs', i + 1, facts.learningNeeds.length)
  }
  // The examples that earlier seeds built from the 2022 learning agenda are not stated needs.
  const examples = await payload.delete({
    collection: COLLECTIONS.learningNeeds,
    where: { isExample: { equals: true } },
    overrideAccess: true,
    context: { skipRevalidate: true },
  })
  if (examples.docs.length) log(`  removed ${examples.docs.length} example learning needs`)

  log('Seeding knowledge products…')
  for (const [i, kp] of facts.knowledgeProducts.entries()) {
    const partnershipId = kp.partnership ? partnershipIds.get(kp.partnership) : undefined
    if (kp.partnership && partnershipId === undefined) {
      throw new Error(`Seed facts name an unknown partnership: ${kp.partnership}`)
    }
    const type = PRODUCT_TYPE_MAP[kp.type]
    if (!type) throw new Error(`Seed facts name an unmapped product type: ${kp.type}`)
    const partnershipFacts = facts.partnerships.find((p) => p.name === kp.partnership)
    const themeKeys = partnershipFacts ? (PARTNERSHIP_THEMES[partnershipFacts.name] ?? []) : []
    const orgs = productOrganisations(kp).map((name) => orgIds.get(name) as number)
    const sourceUrls = [...new Set([kp.source, ...(kp.moreSources ?? [])].filter(isString))]
    await upsert(COLLECTIONS.knowledgeProducts, slugify(kp.title), {
      title: kp.title,
      summary: kp.description ?? undefined,
      type,
      year: kp.year ?? undefined,
      partnerships: partnershipId === undefined ? [] : [partnershipId as number],
      organisations: orgs,
      themes: themeKeys.map((k) => themeIds.get(k)!) as number[],
      // Links to learning needs are editorial judgements that no source states: none is seeded.
      learningNeeds: [],
      languages: (kp.languages ?? []).filter(isLanguage),
      countries: kp.countries ?? [],
      externalUrl: kp.url ?? undefined,
      editorialNote: themeKeys.length ? PRODUCT_THEME_NOTE : undefined,
      ...provenance(kp),
      sources: (sourceUrls.length ? sourceUrls : [kp.url].filter(isString)).map((url, n) => ({
        url,
        label: n === 0 ? `Listed as: ${kp.type}` : undefined,
      })),
      _status: 'published',
    })
    step('knowledge products', i + 1, facts.knowledgeProducts.length)
  }

  log('Seeding the first admin…')
  const email = options.adminEmail ?? 'admin@knowledge-map.local'
  const admins = await payload.count({
    collection: COLLECTIONS.users,
    where: { role: { equals: 'admin' } },
    overrideAccess: true,
  })
  const sameEmail = await payload.count({
    collection: COLLECTIONS.users,
    where: { email: { equals: email } },
    overrideAccess: true,
  })
  if (sameEmail.totalDocs > 0 || (admins.totalDocs > 0 && !options.adminEmail)) {
    report.existing[COLLECTIONS.users] = sameEmail.totalDocs || admins.totalDocs
  } else {
    const password = options.adminPassword ?? randomBytes(12).toString('base64url')
    await payload.create({
      collection: COLLECTIONS.users,
      data: { email, password, name: 'Administrator', role: 'admin' },
      overrideAccess: true,
    })
    report.created[COLLECTIONS.users] = 1
    if (!options.adminPassword) report.generatedAdmin = { email, password }
  }
  // Computed now, so that a fresh map shows its suggestions at once (the job would in a minute).
  log('Computing suggestions for the map…')
  report.suggestions = await recomputeSuggestedCoverage(payload, 'seed')
  log(
    `  ${report.suggestions.suggested} of ${report.suggestions.needs} learning needs have a strong suggestion`,
  )
  return report
}
