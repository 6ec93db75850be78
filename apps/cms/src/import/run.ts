import { COLLECTIONS, slugify } from '@repo/types'
import {
  type Cell,
  columnForHeader,
  formatIssue,
  IMPORT_COLLECTIONS,
  IMPORT_REFERENCES,
  IMPORT_ROW_SCHEMAS,
  IMPORT_TITLE_FIELD,
  type ImportCollection,
  type ImportIssue,
} from '@repo/types/import'
import {
  type CollectionSlug,
  commitTransaction,
  createLocalReq,
  initTransaction,
  killTransaction,
  type Payload,
  type PayloadRequest,
  type TypedUser,
  ValidationError,
} from 'payload'

import {
  type FileKind,
  IMPORT_BATCH_ROWS,
  type ImportFile,
  ImportFileError,
  readImportFile,
  type Sheet,
} from './parse'
export { IMPORT_BATCH_ROWS } from './parse'
import { notifySite } from '../hooks/revalidateSite'
import { retryOnConflict } from '../lib/retry'
import { serialisedWrite } from '../lib/writes'

type Id = string | number

export type ImportProgress = { phase: 'validate' | 'write'; done: number; total: number }

export type ImportOptions = {
  file: ImportFile
  /** Required for CSV; for a workbook, picks the sheet. Without it each sheet named after a collection is imported. */
  collection?: ImportCollection
  /** Write the rows (in one transaction) when the dry run finds no problem. */
  commit: boolean
  /** Who imports: access control applies to them. Undefined or null: the system (the CLI). */
  user?: TypedUser | null
  onProgress?: (progress: ImportProgress) => void
}

export type ImportReport = {
  file: string
  kind: FileKind
  dryRun: boolean
  /** True when the rows were written (all of them). */
  committed: boolean
  /** True when the file has no problem. */
  ok: boolean
  /** Whether each batch ran in one database transaction (false on a MongoDB without replica set). */
  atomic: boolean
  /** Rows written (by the batches that committed), also when a later batch failed. */
  written: number
  /** Rows per batch; each batch is all-or-nothing. */
  batchSize: number
  sections: {
    sheet: string
    collection: ImportCollection
    rows: number
    create: number
    update: number
  }[]
  issues: (ImportIssue & { text: string })[]
  warnings: string[]
}

const DRAFT_COLLECTIONS = new Set<string>([
  COLLECTIONS.knowledgeProducts,
  COLLECTIONS.learningNeeds,
])
/** The field that ties a record to partnerships, for collections that have one. */
const SCOPE_OF: Record<string, string | undefined> = {
  [COLLECTIONS.knowledgeProducts]: 'partnerships',
  [COLLECTIONS.learningNeeds]: 'raisedBy',
}
const TITLE_OF: Record<string, string> = {
  [COLLECTIONS.programmes]: 'name',
  [COLLECTIONS.themes]: 'title',
  [COLLECTIONS.organisations]: 'name',
  [COLLECTIONS.partnerships]: 'name',
  [COLLECTIONS.learningNeeds]: 'title',
  [COLLECTIONS.knowledgeProducts]: 'title',
}
const NOUN: Record<string, string> = {
  [COLLECTIONS.programmes]: 'programme',
  [COLLECTIONS.themes]: 'theme',
  [COLLECTIONS.organisations]: 'organisation',
  [COLLECTIONS.partnerships]: 'partnership',
  [COLLECTIONS.learningNeeds]: 'learning need',
  [COLLECTIONS.knowledgeProducts]: 'knowledge product',
}

/** A record a cell may name: one already stored, or one an earlier row of this import creates. */
type Ref = { id?: Id; pending?: string; label: string; trashed: boolean }

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '')

/** Names and slugs of the records of each collection, loaded once per import. */
class Directory {
  private maps = new Map<string, { byName: Map<string, Ref[]>; bySlug: Map<string, Ref> }>()
  constructor(private payload: Payload) {}

  async of(collection: string) {
    let map = this.maps.get(collection)
    if (map) return map
    map = { byName: new Map(), bySlug: new Map() }
    const title = TITLE_OF[collection]!
    const trash = Boolean(this.payload.collections[collection as CollectionSlug]?.config.trash)
    const { docs } = await this.payload.find({
      collection: collection as CollectionSlug,
      pagination: false,
      depth: 0,
      overrideAccess: true,
      trash,
      select: { [title]: true, slug: true, ...(trash ? { deletedAt: true } : {}) } as never,
    })
    for (const doc of docs as unknown as Record<string, unknown>[]) {
      this.add(map, {
        id: doc.id as Id,
        label: String(doc[title] ?? ''),
        slug: String(doc.slug ?? ''),
        trashed: Boolean(doc.deletedAt),
      })
    }
    this.maps.set(collection, map)
    return map
  }

  private add(
    map: { byName: Map<string, Ref[]>; bySlug: Map<string, Ref> },
    entry: { id?: Id; pending?: string; label: string; slug: string; trashed: boolean },
  ) {
    const ref: Ref = {
      id: entry.id,
      pending: entry.pending,
      label: entry.label,
      trashed: entry.trashed,
    }
    if (entry.slug) map.bySlug.set(entry.slug, ref)
    const key = entry.label.trim().toLowerCase()
    if (key) map.byName.set(key, [...(map.byName.get(key) ?? []).filter((r) => r !== ref), ref])
  }

  /** Records a row this import will create, so that later sheets can name it. */
  async plan(collection: string, label: string, slug: string, pending: string) {
    const map = await this.of(collection)
    this.add(map, { pending, label, slug, trashed: false })
  }

  /** The record a cell names, or why none. */
  async resolve(collection: string, name: string): Promise<Ref | string> {
    const map = await this.of(collection)
    const noun = NOUN[collection] ?? 'record'
    const ref =
      map.bySlug.get(name.trim()) ??
      (() => {
        const found = map.byName.get(name.trim().toLowerCase()) ?? []
        return found.length === 1 ? found[0] : found.length > 1 ? found : undefined
      })()
    if (Array.isArray(ref))
      return `${ref.length} ${noun}s are called “${name}”; use the slug instead`
    if (!ref)
      return `no ${noun} is named “${name}” or has that slug; add it first (or in an earlier sheet of the workbook)`
    if (ref.trashed) return `the ${noun} “${ref.label}” is in the trash; restore it first`
    return ref
  }

  /** The stored record's scope and, when its latest version is a draft, that draft's review state. */
  async stored(collection: string, id: Id) {
    const latest = (await this.payload.findByID({
      collection: collection as CollectionSlug,
      id,
      draft: true,
      trash: true,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
    })) as Record<string, unknown> | null
    if (!latest) return undefined
    const pending =
      latest._status === 'draft'
        ? latest.reviewStatus === 'in-review'
          ? 'ready for review'
          : String(latest.reviewStatus ?? 'draft')
        : undefined
    return { ...latest, pending } as Record<string, unknown> & { pending?: string }
  }

  async existing(collection: string, slug: string): Promise<Ref | undefined> {
    const ref = (await this.of(collection)).bySlug.get(slug)
    return ref?.id !== undefined ? ref : undefined
  }
}

type PlannedRow = {
  row: number
  sheet: string
  collection: ImportCollection
  slug: string
  existing?: Ref
  draft: boolean
  /** Field values; references still as `Ref`s until the commit resolves pending ones. */
  data: Record<string, unknown>
  /** Header text of each column key, to point errors found while writing at the right cell. */
  columns: Map<string, string>
}

/** Which collection a worksheet is for, from its name ("Knowledge products", "partnerships"…). */
const collectionOfSheet = (name: string): ImportCollection | undefined =>
  IMPORT_COLLECTIONS.find((c) => {
    const n = squash(name)
    return n === squash(c) || n === squash(NOUN[c] ?? '') + 's' || n === squash(NOUN[c] ?? '')
  })

function pickSections(
  kind: FileKind,
  sheets: Sheet[],
  collection: ImportCollection | undefined,
  warnings: string[],
): { sheet: Sheet; collection: ImportCollection }[] {
  if (kind === 'csv') {
    if (!collection) {
      throw new ImportFileError(
        `Say which collection the CSV file is for: one of ${IMPORT_COLLECTIONS.join(', ')}.`,
      )
    }
    return [{ sheet: sheets[0]!, collection }]
  }
  if (collection) {
    const sheet = sheets.find((s) => collectionOfSheet(s.name) === collection) ?? sheets[0]
    if (!sheet) throw new ImportFileError('The workbook has no worksheet.')
    return [{ sheet, collection }]
  }
  const sections: { sheet: Sheet; collection: ImportCollection }[] = []
  for (const sheet of sheets) {
    const c = collectionOfSheet(sheet.name)
    if (c) sections.push({ sheet, collection: c })
    else warnings.push(`Worksheet “${sheet.name}” is not named after a collection and was ignored.`)
  }
  if (sections.length === 0) {
    throw new ImportFileError(
      `Name the worksheets after what they hold (${IMPORT_COLLECTIONS.join(', ')}), or say which collection the file is for.`,
    )
  }
  return sections.sort(
    (a, b) => IMPORT_COLLECTIONS.indexOf(a.collection) - IMPORT_COLLECTIONS.indexOf(b.collection),
  )
}

const blank = (v: Cell) => v == null || (typeof v === 'string' && v.trim() === '')

async function planSection(
  sheet: Sheet,
  collection: ImportCollection,
  directory: Directory,
  issues: ImportIssue[],
  warnings: string[],
  progress: () => void,
): Promise<PlannedRow[]> {
  const schema = IMPORT_ROW_SCHEMAS[collection]
  const sheetName = sheet.name
  const columns = new Map<string, string>()
  const indexOf = new Map<string, number>()
  sheet.header.forEach((header, i) => {
    if (!header) return
    const key = columnForHeader(collection, header)
    if (!key) {
      warnings.push(
        `${sheetName}: column “${header}” is not a ${NOUN[collection]} field and was ignored.`,
      )
    } else if (indexOf.has(key)) {
      warnings.push(
        `${sheetName}: column “${header}” repeats “${columns.get(key)}”; only the first is read.`,
      )
    } else {
      indexOf.set(key, i)
      columns.set(key, header)
    }
  })
  const titleKey = IMPORT_TITLE_FIELD[collection]
  if (!indexOf.has(titleKey)) {
    issues.push({
      sheet: sheetName,
      row: 1,
      column: titleKey,
      message: `the header has no “${titleKey}” column`,
    })
    return []
  }
  const columnName = (key: string) => columns.get(key) ?? key
  const seen = new Map<string, number>()
  const planned: PlannedRow[] = []
  for (const { row, cells } of sheet.rows) {
    progress()
    if (cells.every(blank)) continue
    for (const p of sheet.problems.filter((p) => p.row === row)) {
      issues.push({ sheet: sheetName, row, column: p.column, message: p.message })
    }
    const raw: Record<string, Cell> = {}
    for (const [key, i] of indexOf) raw[key] = cells[i] ?? null
    const parsed = schema.safeParse(raw)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push({
          sheet: sheetName,
          row,
          column: columnName(String(issue.path[0] ?? '')),
          message: issue.message,
        })
      }
      continue
    }
    const values = parsed.data as Record<string, unknown>
    const slug = (values.slug as string | undefined) ?? slugify(String(values[titleKey]))
    const first = seen.get(slug)
    if (first !== undefined) {
      issues.push({
        sheet: sheetName,
        row,
        column: columnName(indexOf.has('slug') ? 'slug' : titleKey),
        message: `gives the same slug “${slug}” as row ${first}; each record may appear once`,
      })
      continue
    }
    seen.set(slug, row)
    const data: Record<string, unknown> = { slug }
    let bad = false
    for (const key of indexOf.keys()) {
      if (key === 'slug' || key === 'status') continue
      const value = values[key]
      const ref = IMPORT_REFERENCES[collection][key]
      if (!ref) {
        data[key] = value === undefined ? null : value
        continue
      }
      const names = ref.many ? (value as string[]) : value ? [value as string] : []
      const refs: Ref[] = []
      for (const name of names) {
        const found = await directory.resolve(ref.collection, name)
        if (typeof found === 'string') {
          issues.push({ sheet: sheetName, row, column: columnName(key), message: found })
          bad = true
        } else if (!refs.includes(found)) refs.push(found)
      }
      data[key] = ref.many ? refs : (refs[0] ?? null)
    }
    if (collection === COLLECTIONS.partnerships && !data.programme) bad = true
    if (bad) continue
    const existing = await directory.existing(collection, slug)
    const draft = DRAFT_COLLECTIONS.has(collection) && values.status !== 'published'
    if (DRAFT_COLLECTIONS.has(collection)) data._status = draft ? 'draft' : 'published'
    if (existing?.trashed) {
      // A row would take it out of the trash only half-way when it is a draft (Payload saves the
      // draft and leaves the stored record in the trash): restoring is an editor's step.
      issues.push({
        sheet: sheetName,
        row,
        column: columnName(indexOf.has('slug') ? 'slug' : titleKey),
        message: `names “${existing.label}”, which is in the trash; restore it in the admin first, or give the row another slug`,
      })
      continue
    }
    if (existing && SCOPE_OF[collection]) {
      const stored = await directory.stored(collection, existing.id!)
      const scope = SCOPE_OF[collection]!
      const mine = ((data[scope] as Ref[] | undefined) ?? []).map((r) => String(r.id ?? r.pending))
      const theirs = (stored?.[scope] as Id[] | undefined)?.map(String) ?? []
      if (values.slug === undefined && scope in data && !mine.some((id) => theirs.includes(id))) {
        issues.push({
          sheet: sheetName,
          row,
          column: columnName(titleKey),
          message: `has no slug, and its title matches “${existing.label}” (slug “${slug}”), a record of other partnerships; give the row the slug “${slug}” to update that record, or another slug to add a new one`,
        })
        continue
      }
      if (!draft && stored?.pending) {
        issues.push({
          sheet: sheetName,
          row,
          column: indexOf.has('status') ? columnName('status') : undefined,
          message: `would publish “${existing.label}”, which has unpublished changes (${stored.pending}); review them in the admin first, or import the row as a draft`,
        })
        continue
      }
    }
    planned.push({ row, sheet: sheetName, collection, slug, existing, draft, data, columns })
    if (!existing) {
      await directory.plan(collection, String(values[titleKey]), slug, `${collection}:${slug}`)
    }
  }
  return planned
}

const refId = (ref: Ref, created: Map<string, Id>): Id => {
  if (ref.id !== undefined) return ref.id
  const id = created.get(ref.pending!)
  if (id === undefined) throw new Error(`“${ref.label}” was not created`)
  return id
}

function resolveData(data: Record<string, unknown>, created: Map<string, Id>) {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(data)) {
    if (Array.isArray(value) && value.every((v) => v && typeof v === 'object' && 'label' in v)) {
      out[key] = (value as Ref[]).map((r) => refId(r, created))
    } else if (value && typeof value === 'object' && 'label' in value && 'trashed' in value) {
      out[key] = refId(value as Ref, created)
    } else out[key] = value
  }
  return out
}

type WriteResult = { atomic: boolean; written: number; batches: number; failure?: ImportIssue }

function failureOf(row: PlannedRow, err: unknown): ImportIssue {
  if (err instanceof ValidationError) {
    const first = err.data.errors[0]
    const key = first?.path?.split('.')[0] ?? ''
    return {
      sheet: row.sheet,
      row: row.row,
      column: row.columns.get(key) ?? (key || undefined),
      message: first?.message ?? err.message,
    }
  }
  return {
    sheet: row.sheet,
    row: row.row,
    message: `could not be saved: ${(err as Error).message}`,
  }
}

/**
 * Writes one batch in its own transaction (Payload's `initTransaction` on the batch's request; the
 * operations inside join it). On SQLite the batch takes the process's write lock, so editors'
 * saves wait for one batch, never for the whole file. A write conflict (another process, or a
 * MongoDB write conflict) runs the whole batch again.
 */
async function writeBatch(
  payload: Payload,
  batch: PlannedRow[],
  user: TypedUser | null | undefined,
  created: Map<string, Id>,
): Promise<{ atomic: boolean; failure?: ImportIssue }> {
  let current: PlannedRow | undefined
  let atomic = false
  try {
    await retryOnConflict(() =>
      serialisedWrite(payload, async () => {
        const req: PayloadRequest = await createLocalReq({ user: user ?? undefined }, payload)
        atomic = await initTransaction(req)
        const access = { overrideAccess: !user, user: user ?? undefined, req, depth: 0 } as const
        const fresh = new Map<string, Id>()
        try {
          for (const row of batch) {
            current = row
            // The site is told once per batch, after its commit, not once per row.
            req.context = { skipRevalidate: true }
            const data = resolveData(row.data, new Map([...created, ...fresh]))
            const collection = row.collection as CollectionSlug
            if (row.existing?.id !== undefined) {
              await payload.update({
                collection,
                id: row.existing.id,
                data: data as never,
                draft: row.draft,
                ...access,
              })
            } else {
              const doc = await payload.create({
                collection,
                data: data as never,
                draft: row.draft,
                ...access,
              })
              fresh.set(`${row.collection}:${row.slug}`, doc.id)
            }
          }
          if (atomic) await commitTransaction(req)
        } catch (err) {
          if (atomic) await killTransaction(req)
          throw err
        }
        for (const [key, id] of fresh) created.set(key, id)
      }),
    )
    return { atomic }
  } catch (err) {
    return { atomic, failure: failureOf(current!, err) }
  }
}

/**
 * Writes the rows in batches of IMPORT_BATCH_ROWS, each in one transaction, so no transaction
 * holds the database for long. A failing batch is rolled back and stops the import; the batches
 * before it stay written. Rows are matched by slug, so running the same file again completes it
 * without duplicates.
 */
async function writeAll(
  payload: Payload,
  rows: PlannedRow[],
  user: TypedUser | null | undefined,
  onProgress: ImportOptions['onProgress'],
): Promise<WriteResult> {
  const created = new Map<string, Id>()
  let atomic = true
  let written = 0
  let batches = 0
  for (let start = 0; start < rows.length; start += IMPORT_BATCH_ROWS) {
    const batch = rows.slice(start, start + IMPORT_BATCH_ROWS)
    const result = await writeBatch(payload, batch, user, created)
    atomic &&= result.atomic
    if (result.failure) return { atomic, written, batches, failure: result.failure }
    written += batch.length
    batches++
    for (const collection of new Set(batch.map((r) => r.collection))) {
      void notifySite({ payload }, { collection })
    }
    onProgress?.({ phase: 'write', done: written, total: rows.length })
  }
  return { atomic, written, batches }
}

/**
 * Imports a CSV or XLSX file. Always validates every row first (the dry run): the zod row schema,
 * references by name or slug, duplicate slugs, a published row over unpublished changes, a row
 * without slug whose title matches another partnership's record. With `commit`, and only when
 * nothing is wrong, writes the rows in batches (see `writeAll`), creating new records and
 * updating those whose slug exists; if a batch fails, it is rolled back and the report names the
 * row and says how many rows the earlier batches wrote.
 */
export async function runImport(payload: Payload, options: ImportOptions): Promise<ImportReport> {
  const { kind, sheets } = await readImportFile(options.file)
  const warnings: string[] = []
  const sections = pickSections(kind, sheets, options.collection, warnings)
  const issues: ImportIssue[] = []
  const directory = new Directory(payload)
  const total = sections.reduce((n, s) => n + s.sheet.rows.length, 0)
  let done = 0
  const tick = () => {
    done++
    if (done % 100 === 0 || done === total) options.onProgress?.({ phase: 'validate', done, total })
  }
  const planned: PlannedRow[] = []
  const summary: ImportReport['sections'] = []
  const single = sections.length === 1
  for (const { sheet, collection } of sections) {
    const before = issues.length
    const rows = await planSection(sheet, collection, directory, issues, warnings, tick)
    if (single) for (const issue of issues.slice(before)) delete issue.sheet
    planned.push(...rows)
    summary.push({
      sheet: sheet.name,
      collection,
      rows: sheet.rows.filter((r) => !r.cells.every(blank)).length,
      create: rows.filter((r) => !r.existing).length,
      update: rows.filter((r) => r.existing).length,
    })
  }
  issues.sort((a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.row - b.row)
  const report: ImportReport = {
    file: options.file.name,
    kind,
    dryRun: !options.commit,
    committed: false,
    ok: issues.length === 0,
    atomic: false,
    written: 0,
    batchSize: IMPORT_BATCH_ROWS,
    sections: summary,
    issues: issues.map((i) => ({ ...i, text: formatIssue(i) })),
    warnings,
  }
  if (!options.commit || issues.length > 0 || planned.length === 0) return report
  const result = await writeAll(payload, planned, options.user, options.onProgress)
  report.atomic = result.atomic
  report.written = result.written
  if (result.failure) {
    if (single) delete result.failure.sheet
    report.ok = false
    report.issues.push({ ...result.failure, text: formatIssue(result.failure) })
    return report
  }
  report.committed = true
  return report
}
