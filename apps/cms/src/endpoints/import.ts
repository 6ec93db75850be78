import { IMPORT_COLLECTIONS, type ImportCollection } from '@repo/types/import'
import type { Endpoint, PayloadRequest } from 'payload'

import { isRole } from '../access/roles'
import { IMPORT_MAX_BYTES, type ImportFile, ImportFileError } from '../import/parse'
import { type ImportProgress, type ImportReport, runImport } from '../import/run'

export const IMPORT_PATH = '/import'

const error = (status: number, message: string) =>
  Response.json({ errors: [{ message }] }, { status })

/** Room for the multipart envelope around the file. */
const ENVELOPE_BYTES = 64 * 1024

type Parsed = { file: ImportFile; collection?: ImportCollection; commit: boolean }

async function readRequest(req: PayloadRequest): Promise<Parsed | Response> {
  const url = new URL(req.url ?? 'http://localhost')
  const collection = url.searchParams.get('collection') || undefined
  if (collection && !(IMPORT_COLLECTIONS as readonly string[]).includes(collection)) {
    return error(
      400,
      `Unknown collection “${collection}”. Import into one of: ${IMPORT_COLLECTIONS.join(', ')}.`,
    )
  }
  const dryRun = url.searchParams.get('dryRun')
  const commit = url.searchParams.get('commit') === '1' || dryRun === '0' || dryRun === 'false'
  const length = Number(req.headers.get('content-length') ?? 0)
  if (length > IMPORT_MAX_BYTES + ENVELOPE_BYTES) {
    return error(
      400,
      `The upload is ${(length / 1024 / 1024).toFixed(1)} MB; the import takes files up to ${IMPORT_MAX_BYTES / 1024 / 1024} MB. Split it into smaller files.`,
    )
  }
  if (!(req.headers.get('content-type') ?? '').includes('multipart/form-data') || !req.formData) {
    return error(400, 'Send the file as multipart/form-data in a field named “file”.')
  }
  let form: FormData
  try {
    form = await req.formData()
  } catch {
    return error(400, 'The upload could not be read as multipart/form-data.')
  }
  const file = form.get('file')
  if (!file || typeof file === 'string') {
    return error(400, 'Send the file as multipart/form-data in a field named “file”.')
  }
  if (file.size > IMPORT_MAX_BYTES) {
    return error(
      400,
      `“${file.name}” is ${(file.size / 1024 / 1024).toFixed(1)} MB; the import takes files up to ${IMPORT_MAX_BYTES / 1024 / 1024} MB. Split it into smaller files.`,
    )
  }
  return {
    file: {
      name: file.name || 'upload',
      mimetype: file.type,
      data: Buffer.from(await file.arrayBuffer()),
    },
    collection: collection as ImportCollection | undefined,
    commit,
  }
}

/**
 * `POST /api/import?collection=…[&commit=1]`, multipart with a `file` (CSV or XLSX): editors and
 * admins only. Without `commit=1` (or with `dryRun=1`) it is a dry run: every row is checked and
 * the report lists each problem by row and column, and nothing is written. With `commit=1` the
 * rows are written in batches of IMPORT_BATCH_ROWS, each one transaction, only if the dry run is
 * clean (else 422 with the report; `written` says how many rows earlier batches wrote).
 * Send `Accept: application/x-ndjson` to get progress lines while it runs, then the report.
 */
export const importEndpoint: Endpoint = {
  path: IMPORT_PATH,
  method: 'post',
  handler: async (req) => {
    if (!req.user) return error(401, 'Sign in as an editor or admin to import.')
    if (!isRole(req.user, 'admin', 'editor'))
      return error(403, 'Only editors and admins may import.')
    const parsed = await readRequest(req)
    if (parsed instanceof Response) return parsed
    const run = (onProgress?: (p: ImportProgress) => void) =>
      runImport(req.payload, { ...parsed, user: req.user, onProgress })
    const statusOf = (report: ImportReport) => (parsed.commit && !report.committed ? 422 : 200)

    if ((req.headers.get('accept') ?? '').includes('application/x-ndjson')) {
      const encoder = new TextEncoder()
      const stream = new ReadableStream<Uint8Array>({
        async start(controller) {
          const send = (value: unknown) =>
            controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`))
          try {
            const report = await run((p) => send({ type: 'progress', ...p }))
            send({ type: 'report', status: statusOf(report), report })
          } catch (err) {
            const status = err instanceof ImportFileError ? 400 : 500
            send({
              type: 'error',
              status,
              message: status === 400 ? (err as Error).message : 'The import failed.',
            })
            if (status === 500) req.payload.logger.error({ err }, 'import failed')
          }
          controller.close()
        },
      })
      return new Response(stream, {
        headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8' },
      })
    }
    try {
      const report = await run()
      return Response.json(report, { status: statusOf(report) })
    } catch (err) {
      if (err instanceof ImportFileError) return error(400, err.message)
      throw err
    }
  },
}
