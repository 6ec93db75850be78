import { COLLECTIONS } from '@repo/types'
import fc from 'fast-check'
import type { Payload, TypedUser } from 'payload'
import { expect } from 'vitest'

import { runImport } from '../../src/import/run'
import type { World } from '../helpers/world'
import {
  type Actor,
  ACTORS,
  applySave,
  type Expect,
  type Id,
  inScope,
  isContributor,
  isStaff,
  type Model,
  type ProductModel,
  type Review,
} from './model'
import { checkInvariants, type Real } from './invariants'

const P = COLLECTIONS.knowledgeProducts
const N = COLLECTIONS.learningNeeds

type Outcome = { status: number; message?: string }

async function attempt(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run()
    return { status: 200 }
  } catch (err) {
    const e = err as { status?: number; message?: string }
    return { status: e.status ?? 500, message: e.message }
  }
}

function expectOutcome(label: string, expected: Expect, got: Outcome) {
  const detail = `${label}: expected ${expected}, got ${got.status} ${got.message ?? ''}`
  if (expected === 'ok') expect(got.status, detail).toBe(200)
  else if (expected === 'forbidden') expect(got.status, detail).toBe(403)
  else {
    expect(got.status, detail).toBeGreaterThanOrEqual(400)
    expect(got.status, detail).toBeLessThan(500)
  }
}

const userOf = (world: World, actor: Actor): TypedUser | undefined =>
  actor === 'anonymous' ? undefined : world.users[actor]

const access = (world: World, actor: Actor) =>
  ({ overrideAccess: false, user: userOf(world, actor), depth: 0 }) as const

const needIds = (model: Model, needs: number[]) => needs.map((n) => model.needs[n]!.id) as number[]

type Cmd = fc.AsyncCommand<Model, Real>

/** How often each kind of outcome was checked (printed by the test, to show what it covered). */
export const tally: Record<string, number> = {}

/** Runs the request, checks it was answered as the model says, updates the model, checks all. */
async function step(
  label: string,
  model: Model,
  real: Real,
  expected: Expect,
  run: () => Promise<unknown>,
  apply: () => void,
) {
  const got = await attempt(run)
  expectOutcome(label, expected, got)
  const kind = `${label.split('(')[0]}:${expected}`
  tally[kind] = (tally[kind] ?? 0) + 1
  if (expected === 'ok') apply()
  await checkInvariants(model, real, label)
}

/** The usual refusals before any rule of the workflow: gone, anonymous, another partnership. */
function gate(actor: Actor, p: ProductModel, opts: { trashedOk?: boolean } = {}): Expect | null {
  if (p.deleted) return 'refused'
  if (actor === 'anonymous') return 'refused'
  if (isContributor(actor) && !inScope(actor, p)) return 'refused'
  if (p.trashed && !opts.trashedOk) return 'refused'
  return null
}

class CreateProduct implements Cmd {
  constructor(
    readonly actor: Actor,
    readonly publish: boolean,
    readonly needs: number[],
    readonly staffScope: 'A' | 'B',
  ) {}
  check = () => true
  async run(model: Model, real: Real) {
    const scope =
      this.actor === 'contributorB' ? 'B' : this.actor === 'contributorA' ? 'A' : this.staffScope
    const publish = this.publish && isStaff(this.actor)
    const expected: Expect = this.actor === 'anonymous' ? 'refused' : 'ok'
    const title = `${real.tag} product ${++model.serial}`
    let id: number | undefined
    await step(
      this.toString(),
      model,
      real,
      expected,
      async () => {
        const doc = await real.payload.create({
          collection: P,
          data: {
            title,
            type: 'report',
            partnerships: [
              (scope === 'A' ? real.world.partnershipA : real.world.partnershipB) as number,
            ],
            learningNeeds: needIds(model, this.needs),
            ...(publish ? { _status: 'published' as const } : {}),
          },
          draft: !publish,
          ...access(real.world, this.actor),
        })
        id = doc.id
      },
      () => {
        const status = publish ? 'published' : 'draft'
        // SQLite hands a deleted record's id to the next one when it was the highest.
        model.products = model.products.filter((p) => String(p.id) !== String(id))
        model.products.push({
          id: id!,
          title,
          scope,
          live: { status, needs: [...this.needs] },
          latest: { status, needs: [...this.needs], review: status },
          trashed: false,
          deleted: false,
          everPublished: publish,
          events: 1,
        })
      },
    )
  }
  toString = () =>
    `create(${this.actor}, ${this.publish ? 'published' : 'draft'}, needs=[${this.needs}], staffScope=${this.staffScope})`
}

type ProductOp =
  | 'editDraft'
  | 'editLive'
  | 'submit'
  | 'return'
  | 'publish'
  | 'unpublish'
  | 'trash'
  | 'restore'
  | 'delete'

class OnProduct implements Cmd {
  constructor(
    readonly op: ProductOp,
    readonly actor: Actor,
    readonly index: number,
    readonly needs: number[],
  ) {}
  check = (model: Readonly<Model>) => model.products.length > 0
  async run(model: Model, real: Real) {
    const p = model.products[this.index % model.products.length]!
    const { payload, world } = real
    const a = access(world, this.actor)
    const label = `${this.toString()} on #${p.id}`
    const staff = isStaff(this.actor)
    const id = p.id
    switch (this.op) {
      case 'editDraft':
      case 'editLive': {
        const draft = this.op === 'editDraft'
        const expected =
          gate(this.actor, p) ??
          (!staff && !draft && p.live.status === 'published' ? 'forbidden' : 'ok')
        return step(
          label,
          model,
          real,
          expected,
          () =>
            payload.update({
              collection: P,
              id,
              data: { summary: `Edited ${Date.now()}`, learningNeeds: needIds(model, this.needs) },
              draft,
              ...a,
            }),
          () => applySave(p, { draft, needs: this.needs }),
        )
      }
      case 'submit':
        return step(
          label,
          model,
          real,
          gate(this.actor, p) ?? 'ok',
          () =>
            payload.update({
              collection: P,
              id,
              data: { reviewStatus: 'in-review' },
              draft: true,
              ...a,
            }),
          () => applySave(p, { draft: true, review: 'in-review' }),
        )
      case 'return': {
        const comment = `Please fix point ${++model.comments}`
        const expected =
          gate(this.actor, p) ?? (staff || p.latest.review === 'returned' ? 'ok' : 'refused')
        return step(
          label,
          model,
          real,
          expected,
          () =>
            payload.update({
              collection: P,
              id,
              data: { reviewStatus: 'returned', reviewComment: comment },
              draft: true,
              ...a,
            }),
          () => applySave(p, { draft: true, review: 'returned' as Review }),
        )
      }
      case 'publish':
        return step(
          label,
          model,
          real,
          gate(this.actor, p) ?? (staff ? 'ok' : 'forbidden'),
          () => payload.update({ collection: P, id, data: { _status: 'published' }, ...a }),
          () => applySave(p, { draft: false, status: 'published' }),
        )
      case 'unpublish':
      case 'trash': {
        const trash = this.op === 'trash'
        const expected =
          gate(this.actor, p) ?? (!staff && p.live.status === 'published' ? 'forbidden' : 'ok')
        return step(
          label,
          model,
          real,
          expected,
          () =>
            payload.update({
              collection: P,
              id,
              data: trash ? { deletedAt: new Date().toISOString() } : { _status: 'draft' },
              ...a,
            }),
          () =>
            applySave(
              p,
              trash ? { draft: false, trashed: true } : { draft: false, status: 'draft' },
            ),
        )
      }
      case 'restore': {
        if (!p.trashed) return checkInvariants(model, real, `${label} (not in the trash: skipped)`)
        const expected =
          gate(this.actor, p, { trashedOk: true }) ??
          (!staff && p.live.status === 'published' ? 'forbidden' : 'ok')
        return step(
          label,
          model,
          real,
          expected,
          () => payload.update({ collection: P, id, data: { deletedAt: null }, trash: true, ...a }),
          () => applySave(p, { draft: false, trashed: false }),
        )
      }
      case 'delete': {
        const expected =
          gate(this.actor, p, { trashedOk: true }) ??
          (!staff && p.everPublished ? 'forbidden' : 'ok')
        return step(
          label,
          model,
          real,
          expected,
          () => payload.delete({ collection: P, id, trash: true, ...a }),
          () => {
            p.deleted = true
          },
        )
      }
    }
  }
  toString = () =>
    `${this.op}(${this.actor}, product[${this.index}]${this.op.startsWith('edit') ? `, needs=[${this.needs}]` : ''})`
}

/** Links a product from the need's side (the need's virtual `linkProducts` field). */
class LinkFromNeed implements Cmd {
  constructor(
    readonly actor: Actor,
    readonly need: number,
    readonly index: number,
  ) {}
  check = (model: Readonly<Model>) => model.products.length > 0
  async run(model: Model, real: Real) {
    const p = model.products[this.index % model.products.length]!
    const n = model.needs[this.need]!
    const label = `${this.toString()} → #${p.id}`
    let expected: Expect
    if (this.actor === 'anonymous') expected = 'refused'
    else if (isContributor(this.actor)) {
      // The need is partnership A's; the field is editors' only, so a contributor's save links nothing.
      if (n.published) expected = 'forbidden'
      else expected = this.actor === 'contributorA' ? 'ok' : 'refused'
    } else expected = 'ok'
    return step(
      label,
      model,
      real,
      expected,
      () =>
        real.payload.update({
          collection: N,
          id: n.id,
          data: { linkProducts: [p.id as number] },
          draft: !n.published,
          ...access(real.world, this.actor),
        }),
      () => {
        if (!isStaff(this.actor) || p.deleted || p.trashed) return
        if (p.latest.needs.includes(this.need)) return
        const needs = [...p.latest.needs, this.need]
        if (p.latest.status === 'published') applySave(p, { draft: false, needs })
        else applySave(p, { draft: true, needs })
      },
    )
  }
  toString = () => `linkFromNeed(${this.actor}, need[${this.need}], product[${this.index}])`
}

class Override implements Cmd {
  constructor(
    readonly actor: Actor,
    readonly value: 'open' | 'partial' | 'covered' | null,
  ) {}
  check = () => true
  async run(model: Model, real: Real) {
    const n = model.needs[0]!
    const expected: Expect =
      this.actor === 'anonymous' ? 'refused' : isStaff(this.actor) ? 'ok' : 'forbidden'
    return step(
      this.toString(),
      model,
      real,
      expected,
      () =>
        real.payload.update({
          collection: N,
          id: n.id,
          data: {
            coverageOverride: this.value,
            coverageOverrideReason: this.value ? 'Judged by the learning team' : null,
          },
          ...access(real.world, this.actor),
        }),
      () => {
        n.override = this.value
      },
    )
  }
  toString = () => `override(${this.actor}, ${this.value})`
}

/** Contributor A and the editor act most: they own and review the records of partnership A. */
/** A one-row CSV import by an editor or admin, matched to its record by slug. */
class ImportRow implements Cmd {
  constructor(
    readonly actor: 'editor' | 'admin',
    readonly key: number,
    readonly publish: boolean,
    readonly needs: number[],
  ) {}
  check = () => true
  async run(model: Model, real: Real) {
    const slug = `${real.tag}-imported-${this.key}`
    const title = `${real.tag} imported ${this.key}`
    const existing = model.products.find((p) => p.slug === slug && !p.deleted)
    const expected: Expect =
      existing && (existing.trashed || (this.publish && existing.latest.status === 'draft'))
        ? 'refused'
        : 'ok'
    const needTitles = this.needs.map((n) =>
      n === 0 ? `${real.tag} need published` : `${real.tag} need draft`,
    )
    const file = [
      'title,type,slug,partnerships,learningNeeds,status',
      `${title},report,${slug},Partnership A,${needTitles.join('; ')},${this.publish ? 'published' : ''}`,
    ].join('\r\n')
    let id: Id | undefined
    await step(
      this.toString(),
      model,
      real,
      expected,
      async () => {
        const report = await runImport(real.payload, {
          file: { name: 'model.csv', data: Buffer.from(file) },
          collection: COLLECTIONS.knowledgeProducts,
          commit: true,
          user: real.world.users[this.actor],
        })
        if (!report.committed) {
          throw Object.assign(new Error(report.issues.map((i) => i.text).join('; ')), {
            status: 422,
          })
        }
        if (!existing) {
          const found = await real.payload.find({
            collection: P,
            where: { slug: { equals: slug } },
            depth: 0,
            limit: 1,
          })
          id = found.docs[0]!.id
        }
      },
      () => {
        if (existing) {
          if (this.publish) {
            applySave(existing, { draft: false, status: 'published', needs: this.needs })
          } else applySave(existing, { draft: true, needs: this.needs })
          return
        }
        const status = this.publish ? 'published' : 'draft'
        model.products = model.products.filter((p) => String(p.id) !== String(id))
        model.products.push({
          id: id!,
          title,
          slug,
          scope: 'A',
          live: { status, needs: [...this.needs] },
          latest: { status, needs: [...this.needs], review: status },
          trashed: false,
          deleted: false,
          everPublished: this.publish,
          events: 1,
        })
      },
    )
  }
  toString = () =>
    `import(${this.actor}, row ${this.key}, ${this.publish ? 'published' : 'draft'}, needs=[${this.needs}])`
}

const actor = fc.oneof(
  ...ACTORS.map((a) => ({
    arbitrary: fc.constant(a),
    weight: a === 'contributorA' || a === 'editor' ? 3 : 1,
  })),
)
const needs = fc.subarray([0, 1])
const index = fc.nat(11)

const PRODUCT_OPS: ProductOp[] = [
  'editDraft',
  'editLive',
  'submit',
  'return',
  'publish',
  'unpublish',
  'trash',
  'restore',
  'delete',
]

const create = fc
  .tuple(actor, fc.boolean(), needs, fc.constantFrom('A' as const, 'B' as const))
  .map(([a, pub, n, s]) => new CreateProduct(a, pub, n, s))

const onProduct = (op: ProductOp) =>
  fc.tuple(actor, index, needs).map(([a, i, n]) => new OnProduct(op, a, i, n))

/**
 * One arbitrary per kind of command, so each is about as likely as any other; creating, editing
 * a draft and publishing twice so, since most promises are about what publishing a draft does.
 */
export const allCommands = [
  create,
  create,
  ...PRODUCT_OPS.map(onProduct),
  onProduct('editDraft'),
  onProduct('publish'),
  fc.tuple(actor, fc.constantFrom(0, 1), index).map(([a, n, i]) => new LinkFromNeed(a, n, i)),
  fc
    .tuple(fc.constantFrom('editor' as const, 'admin' as const), fc.nat(1), fc.boolean(), needs)
    .map(([a, k, pub, n]) => new ImportRow(a, k, pub, n)),
  fc
    .tuple(actor, fc.constantFrom('open' as const, 'partial' as const, 'covered' as const, null))
    .map(([a, v]) => new Override(a, v)),
]

/** The two needs each sequence starts from: one published, one a contributor's unfinished draft. */
export async function setupNeeds(payload: Payload, world: World, tag: string) {
  const published = await payload.create({
    collection: N,
    data: {
      title: `${tag} need published`,
      description: 'A need of the model test.',
      kind: 'learning-need',
      raisedBy: [world.partnershipA as number],
      _status: 'published',
    },
    depth: 0,
  })
  // Drafts skip validation: this one has no description, which a normal save refuses.
  const draft = await payload.create({
    collection: N,
    data: { title: `${tag} need draft`, raisedBy: [world.partnershipA as number] } as never,
    draft: true,
    overrideAccess: false,
    user: world.users.contributorA,
    depth: 0,
  })
  return [
    { id: published.id, published: true, override: null },
    { id: draft.id, published: false, override: null },
  ]
}
