import { COLLECTIONS, type CollectionSlug } from '@repo/types'
import type { Payload, TypedUser } from 'payload'

/** A tiny valid PNG (1×1) and PDF, for uploads. */
export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
)
export const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\nxref\n0 4\n0000000000 65535 f \n' +
    '0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n160\n%%EOF\n',
)

export type Role = 'anonymous' | 'contributorA' | 'contributorB' | 'editor' | 'admin'
export const ROLES_UNDER_TEST: Role[] = [
  'anonymous',
  'contributorA',
  'contributorB',
  'editor',
  'admin',
]

export type World = {
  programme: string | number
  partnershipA: string | number
  partnershipB: string | number
  users: Record<Exclude<Role, 'anonymous'>, TypedUser>
  passwords: Record<Exclude<Role, 'anonymous'>, string>
}

let seq = 0
export const unique = (label: string) =>
  `${label} ${Date.now().toString(36)}${(seq++).toString(36)}`

/** A programme, two partnerships (A and B), and one user per role. */
export async function buildWorld(payload: Payload): Promise<World> {
  const programme = await payload.create({
    collection: COLLECTIONS.programmes,
    data: { name: 'Test programme', startYear: 2021, endYear: 2025 },
  })
  // One after the other: on SQLite a process writes one transaction at a time (lib/writes.ts).
  const partnership = (name: string) =>
    payload.create({
      collection: COLLECTIONS.partnerships,
      data: { name, programme: programme.id },
    })
  const a = await partnership('Partnership A')
  const b = await partnership('Partnership B')
  const make = async (
    key: string,
    role: 'admin' | 'editor' | 'contributor',
    partnerships: (string | number)[],
  ) => {
    const password = `pw-${key}-0123456789`
    const user = await payload.create({
      collection: COLLECTIONS.users,
      data: {
        email: `${key.toLowerCase()}@example.org`,
        password,
        name: key,
        role,
        partnerships: partnerships as number[],
      },
    })
    return { user: { ...user, collection: 'users' } as TypedUser, password }
  }
  const admin = await make('Admin', 'admin', [])
  const editor = await make('Editor', 'editor', [])
  const contributorA = await make('ContributorA', 'contributor', [a!.id])
  const contributorB = await make('ContributorB', 'contributor', [b!.id])
  return {
    programme: programme.id,
    partnershipA: a!.id,
    partnershipB: b!.id,
    users: {
      admin: admin.user,
      editor: editor.user,
      contributorA: contributorA.user,
      contributorB: contributorB.user,
    },
    passwords: {
      admin: admin.password,
      editor: editor.password,
      contributorA: contributorA.password,
      contributorB: contributorB.password,
    },
  }
}

/** Valid data for a new record of `collection`, owned by partnership A where that applies. */
export function recordData(collection: CollectionSlug, world: World): Record<string, unknown> {
  switch (collection) {
    case COLLECTIONS.programmes:
      return { name: unique('Programme'), startYear: 2030, endYear: 2034 }
    case COLLECTIONS.themes:
      return { title: unique('Theme'), colour: '#1f5f8b' }
    case COLLECTIONS.organisations:
      return { name: unique('Organisation') }
    case COLLECTIONS.partnerships:
      return { name: unique('Partnership'), programme: world.programme }
    case COLLECTIONS.knowledgeProducts:
      return { title: unique('Product'), type: 'report', partnerships: [world.partnershipA] }
    case COLLECTIONS.learningNeeds:
      return {
        title: unique('Need'),
        description: 'A need used by the tests.',
        kind: 'learning-need',
        raisedBy: [world.partnershipA],
      }
    case COLLECTIONS.insights:
      return { title: unique('Insight'), body: 'A lesson.', partnership: world.partnershipA }
    case COLLECTIONS.users:
      return {
        email: `${unique('user').replace(/\W+/g, '-')}@example.org`,
        password: 'a-long-password-123',
        name: 'Someone',
        role: 'contributor',
      }
    case COLLECTIONS.media:
      return { alt: 'A single pixel' }
    default:
      throw new Error(`No fixture for ${collection}`)
  }
}

export const pngFile = () => ({
  data: PNG_1PX,
  mimetype: 'image/png',
  name: `${unique('pixel').replace(/\W+/g, '-')}.png`,
  size: PNG_1PX.length,
})

/**
 * Creates a record as the system (no access control), optionally as a draft. A `published` file
 * is one attached to a published product (the public reads only those).
 */
export async function createFixture(
  payload: Payload,
  collection: CollectionSlug,
  world: World,
  status?: 'draft' | 'published',
) {
  const data = recordData(collection, world)
  if (collection === COLLECTIONS.media) {
    const media = await payload.create({ collection, data: data as never, file: pngFile() })
    if (status === 'published') {
      await payload.create({
        collection: COLLECTIONS.knowledgeProducts,
        data: {
          ...recordData(COLLECTIONS.knowledgeProducts, world),
          file: media.id,
          _status: 'published',
        } as never,
      })
    }
    return media
  }
  if (status) data._status = status
  return payload.create({
    collection,
    data: data as never,
    draft: status === 'draft',
    overrideAccess: true,
  })
}

/** Logs the world's users of `roles` in over REST and returns their JWTs by role. */
export async function loginTokens<R extends Exclude<Role, 'anonymous'>>(
  cms: { fetch: typeof fetch; baseUrl: string },
  world: World,
  roles: readonly R[],
): Promise<Record<R, string>> {
  const tokens = {} as Record<R, string>
  for (const role of roles) {
    const res = await cms.fetch(`${cms.baseUrl}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: world.users[role].email, password: world.passwords[role] }),
    })
    if (!res.ok) throw new Error(`login as ${role} answered ${res.status}`)
    tokens[role] = ((await res.json()) as { token: string }).token
  }
  return tokens
}
