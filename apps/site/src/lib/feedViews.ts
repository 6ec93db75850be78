/**
 * What each feed holds: the newest published records of a view, read through the SDK with the
 * same filter language as the page, newest change first.
 */
import {
  CHANGE_KINDS,
  type ChangeFilter,
  changeQuery,
  COVERAGE,
  type LearningNeed,
  type Product,
  PRODUCT_TYPES,
} from '@repo/types'
import type { ProductFilter } from '@repo/types/filters'

import { changesFeedPath, describeChange, recordPath } from '@/lib/changes'
import { cms } from '@/lib/cms'
import { type FeedEntry, type FeedInit, tagUri } from '@/lib/feeds'
import { canonicalQuery } from '@/lib/search'
import { absoluteUrl, SITE_NAME } from '@/lib/seo'

/** How many entries a feed carries (the newest). */
export const FEED_SIZE = 50

const TYPE_LABEL = new Map<string, string>(PRODUCT_TYPES.map((t) => [t.value, t.label]))
const COVERAGE_LABEL = new Map<string, string>(COVERAGE.map((c) => [c.value, c.label]))

const productEntry = (p: Product): FeedEntry => ({
  id: tagUri('products', p.slug),
  title: p.title,
  link: absoluteUrl(`/products/${p.slug}`),
  updated: new Date(p.updatedAt),
  published: new Date(p.createdAt),
  summary: p.summary,
  categories: [TYPE_LABEL.get(p.type) ?? p.type, ...p.themes.map((t) => t.title)],
})

const needEntry = (n: LearningNeed): FeedEntry => ({
  id: tagUri('learning-needs', n.slug),
  title: `Learning need: ${n.title}`,
  link: absoluteUrl(`/learning-needs/${n.slug}`),
  updated: new Date(n.updatedAt),
  published: new Date(n.createdAt),
  summary: n.description,
  categories: [COVERAGE_LABEL.get(n.coverage ?? 'open') ?? 'Open', ...n.themes.map((t) => t.title)],
})

const newestFirst = (entries: FeedEntry[]) =>
  entries.sort((a, b) => b.updated.getTime() - a.updated.getTime()).slice(0, FEED_SIZE)

const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path)

/** The feed of a `/products` view. */
export async function productsFeed(filter: ProductFilter): Promise<FeedInit> {
  const client = await cms()
  const view = { ...filter, sort: undefined, page: 1, limit: undefined, asOf: undefined }
  const query = canonicalQuery(view)
  // The search, as the page itself runs it (stemmed full text when the view has `q`).
  const page = await client.products.search({ ...view, sort: '-updatedAt', limit: FEED_SIZE })
  return {
    id: query ? tagUri('feeds', 'products', query) : tagUri('feeds', 'products'),
    title: query ? `${SITE_NAME}: products (${query})` : `${SITE_NAME}: all products`,
    subtitle: 'New and updated knowledge products in this view of the map.',
    selfPath: withQuery('/feeds/products.atom', query),
    htmlPath: withQuery('/products', query),
    entries: page.docs.map(productEntry),
  }
}

/** What's new on the map: products and learning needs, newest change first. */
export async function newFeed(): Promise<FeedInit> {
  const client = await cms()
  const [products, needs] = await Promise.all([
    client.products.search({ sort: '-updatedAt', limit: FEED_SIZE }),
    client.learningNeeds.list({ sort: '-updatedAt', limit: FEED_SIZE }),
  ])
  return {
    id: tagUri('feeds', 'new'),
    title: `${SITE_NAME}: what's new`,
    subtitle: 'New and updated knowledge products and learning needs.',
    selfPath: '/feeds/new.atom',
    htmlPath: '/',
    entries: newestFirst([...products.docs.map(productEntry), ...needs.docs.map(needEntry)]),
  }
}

export async function themeFeed(slug: string): Promise<FeedInit> {
  const client = await cms()
  const theme = await client.themes.get(slug)
  const [products, needs] = await Promise.all([
    client.products.search({ themes: [slug], sort: '-updatedAt', limit: FEED_SIZE }),
    client.learningNeeds.list({ themes: [slug], sort: '-updatedAt', limit: FEED_SIZE }),
  ])
  return {
    id: tagUri('feeds', 'themes', slug),
    title: `${SITE_NAME}: ${theme.title}`,
    subtitle: `New and updated products and learning needs under the theme “${theme.title}”.`,
    selfPath: `/feeds/themes/${slug}.atom`,
    htmlPath: `/themes/${slug}`,
    entries: newestFirst([...products.docs.map(productEntry), ...needs.docs.map(needEntry)]),
  }
}

export async function partnershipFeed(slug: string): Promise<FeedInit> {
  const client = await cms()
  const partnership = await client.partnerships.get(slug)
  const [products, needs] = await Promise.all([
    client.products.search({ partnerships: [slug], sort: '-updatedAt', limit: FEED_SIZE }),
    client.learningNeeds.list({ partnerships: [slug], sort: '-updatedAt', limit: FEED_SIZE }),
  ])
  return {
    id: tagUri('feeds', 'partnerships', slug),
    title: `${SITE_NAME}: ${partnership.name}`,
    subtitle: `New and updated products of ${partnership.name}, and the learning needs it raised.`,
    selfPath: `/feeds/partnerships/${slug}.atom`,
    htmlPath: `/partnerships/${slug}`,
    entries: newestFirst([...products.docs.map(productEntry), ...needs.docs.map(needEntry)]),
  }
}

/** A need's feed: the products that address it, and every change of its coverage. */
export async function needFeed(slug: string): Promise<FeedInit> {
  const client = await cms()
  const need = await client.learningNeeds.get(slug)
  const products = await client.products.search({
    learningNeeds: [slug],
    sort: '-updatedAt',
    limit: FEED_SIZE,
  })
  const link = absoluteUrl(`/learning-needs/${slug}`)
  const coverage = (need.coverageHistory ?? []).map((h, i): FeedEntry => {
    const to = COVERAGE_LABEL.get(h.to) ?? h.to
    const by = h.product && h.to !== 'open' ? ` by ${h.product.title}` : ''
    const headline = !h.from
      ? `“${need.title}” was recorded (${to.toLowerCase()})`
      : h.to === 'open'
        ? `“${need.title}” is a gap again`
        : `“${need.title}” is now ${to.toLowerCase()}${by}`
    return {
      id: tagUri('learning-needs', slug, 'coverage', h.id ?? `${h.at}-${i}`),
      title: headline,
      link: h.product ? absoluteUrl(`/products/${h.product.slug}`) : link,
      updated: new Date(h.at),
      published: new Date(h.at),
      summary: [
        `Coverage: ${h.from ? `${COVERAGE_LABEL.get(h.from) ?? h.from} → ` : ''}${to}.`,
        h.reason ?? '',
      ]
        .join(' ')
        .trim(),
      categories: ['Coverage change'],
    }
  })
  return {
    id: tagUri('feeds', 'learning-needs', slug),
    title: `${SITE_NAME}: ${need.title}`,
    subtitle: `Products that address the learning need “${need.title}”, and changes of its coverage.`,
    selfPath: `/feeds/learning-needs/${slug}.atom`,
    htmlPath: `/learning-needs/${slug}`,
    entries: newestFirst([...products.docs.map(productEntry), ...coverage]),
  }
}

/** The changelog's feed: the newest changes of a `/changes` view (its dates and themes). */
export async function changesFeed(filter: ChangeFilter): Promise<FeedInit> {
  const client = await cms()
  const page = await client.changes.list({ ...filter, page: 1, limit: FEED_SIZE })
  const query = changeQuery({ from: filter.from, to: filter.to, themes: filter.themes })
  return {
    id: query ? tagUri('feeds', 'changes', query) : tagUri('feeds', 'changes'),
    title: query ? `${SITE_NAME}: changes (${query})` : `${SITE_NAME}: all changes`,
    subtitle: 'What was added, updated, linked or unlinked on the map, and what coverage changed.',
    selfPath: changesFeedPath(filter),
    htmlPath: query ? `/changes?${query}` : '/changes',
    entries: page.docs.map((c): FeedEntry => {
      const { headline, detail } = describeChange(c)
      return {
        id: tagUri('changes', ...c.id.split('/')),
        title: headline,
        link: absoluteUrl(c.record ? recordPath(c.record) : '/changes'),
        updated: new Date(c.at),
        published: new Date(c.at),
        summary: detail,
        categories: [
          CHANGE_KINDS.find((k) => k.value === c.kind)?.label ?? c.kind,
          ...c.themes.map((t) => t.title),
        ],
      }
    }),
  }
}
