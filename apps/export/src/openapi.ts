/**
 * `/openapi.json`: an OpenAPI 3.1 description generated from the zod schemas (the shared filter
 * schemas of `@repo/types` and this service's answer schemas), not written a second time.
 */
import {
  learningNeedFilters,
  LearningNeedFilterSchema,
  MatrixAxisSchema,
  MatrixModeSchema,
  productFilters,
  ProductFilterSchema,
  ProductRefSchema,
  ProductSchema,
} from '@repo/types'
import { z } from 'zod'

import { VIEWS, type View } from './catalog.js'
import { type Format, FORMATS } from './formats.js'
import {
  ExportMetaSchema,
  HealthSchema,
  IncompleteProblemSchema,
  LearningNeedExportDocumentSchema,
  LearningNeedExportSchema,
  MapExportSchema,
  NdjsonErrorLineSchema,
  ProblemSchema,
  ProductExportDocumentSchema,
  ReadySchema,
} from './schemas.js'

type JsonSchema = Record<string, unknown> & {
  properties?: Record<string, JsonSchema>
  items?: JsonSchema
  enum?: unknown[]
  default?: unknown
  minimum?: number
  type?: string | string[]
}

const toJson = (schema: z.ZodType): JsonSchema => {
  const out = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema
  delete out.$schema
  return out
}

/** Values for a filter field that differ from its default, to find its query parameter. */
function samples(prop: JsonSchema): unknown[] {
  if (prop.type === 'array') return samples(prop.items ?? {}).map((v) => [v])
  // Each enum value that is not the default (some only count with other fields, e.g. relevance).
  if (prop.enum) return prop.enum.filter((v) => v !== prop.default)
  return [sample(prop)]
}

function sample(prop: JsonSchema): unknown {
  if (prop.type === 'array') return [sample(prop.items ?? {})]
  // A value with a format of its own (a date) gives its example.
  if (Array.isArray(prop.examples) && prop.examples.length > 0) return prop.examples[0]
  if (prop.enum) return prop.enum.find((v) => v !== prop.default) ?? prop.enum[0]
  if (prop.type === 'integer' || prop.type === 'number') {
    const min = prop.minimum ?? 1
    return min + 1 === prop.default ? min + 2 : min + 1
  }
  return 'a'
}

type Language = { toSearchParams(filter: never): URLSearchParams }

/**
 * The query parameters of a filter language, from its zod schema: each field's URL spelling is
 * found by asking the language itself to write a filter with only that field set.
 */
export function filterParameters(schema: z.ZodType, language: Language) {
  const json = toJson(schema)
  return Object.entries(json.properties ?? {}).map(([field, prop]) => {
    const names = [
      ...new Set(
        samples(prop).flatMap((v) => [...language.toSearchParams({ [field]: v } as never).keys()]),
      ),
    ]
    if (names.length !== 1) throw new Error(`Cannot find the query parameter of "${field}".`)
    const multi = prop.type === 'array'
    const { default: _d, ...rest } = prop
    return {
      name: names[0]!,
      in: 'query',
      required: false,
      ...(multi ? { style: 'form', explode: true } : {}),
      schema: multi ? rest : prop,
    }
  })
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
})

const mediaFor = (view: View, format: Format) => {
  const type = FORMATS[format].contentType.split(';')[0]!
  if (format === 'json') {
    const ref =
      view === 'knowledge-products'
        ? 'ProductExportDocument'
        : view === 'learning-needs'
          ? 'LearningNeedExportDocument'
          : 'MapExport'
    return { [type]: { schema: { $ref: `#/components/schemas/${ref}` } } }
  }
  if (format === 'ndjson') {
    return {
      [type]: {
        schema: { type: 'string' },
        description:
          'One `Product` per line; an export that stopped early ends with an `NdjsonErrorLine`.',
      },
    }
  }
  return {
    [type]: {
      schema:
        format === 'xlsx' ? { type: 'string', contentEncoding: 'binary' } : { type: 'string' },
    },
  }
}

const bomParameter = {
  name: 'bom',
  in: 'query',
  required: false,
  description: 'CSV only: `1` starts the file with a UTF-8 byte order mark (for Excel).',
  schema: { type: 'string', enum: ['1', '0', 'true', 'false'] },
}

const delimiterParameter = {
  name: 'delimiter',
  in: 'query',
  required: false,
  description:
    'CSV only: the field separator, `comma` (default) or `semicolon` (what Dutch and French Excel expect; combine with `bom=1`).',
  schema: { type: 'string', enum: ['comma', 'semicolon'] },
}

const FORMAT_NOTES: Record<Format, string> = {
  csv: 'RFC 4180 CSV in UTF-8 with a header row; a field holding CR, LF, a quote or the separator is always quoted, and text a spreadsheet would run as a formula is prefixed with an apostrophe. An export that stopped early ends with a one-field line `EXPORT INCOMPLETE: …`.',
  xlsx: 'An Excel workbook (values only, no shared strings) with an "About this export" sheet whose Status is `complete` or `INCOMPLETE: …`; an incomplete export also ends its data sheet with an `EXPORT INCOMPLETE: …` row.',
  json: 'One JSON document; `complete` is false and `error` explains when the export stopped early.',
  ndjson: 'Newline-delimited JSON; an export that stopped early ends with `{"error": {…}}`.',
  ris: 'RIS records (CRLF); an export that stopped early ends with a record titled `EXPORT INCOMPLETE: …`.',
  bib: 'BibTeX entries; an export that stopped early ends with an `@misc{EXPORT_INCOMPLETE, …}` entry.',
}

let cached: Record<string, unknown> | undefined

/** The OpenAPI 3.1 document (built once). */
export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached

  const registry = z.registry<{ id: string }>()
  const components: [string, z.ZodType][] = [
    ['Problem', ProblemSchema],
    ['IncompleteProblem', IncompleteProblemSchema],
    ['ExportMeta', ExportMetaSchema],
    ['Product', ProductSchema],
    ['ProductRef', ProductRefSchema],
    ['LearningNeedExport', LearningNeedExportSchema],
    ['ProductExportDocument', ProductExportDocumentSchema],
    ['LearningNeedExportDocument', LearningNeedExportDocumentSchema],
    ['MapExport', MapExportSchema],
    ['NdjsonErrorLine', NdjsonErrorLineSchema],
    ['Health', HealthSchema],
    ['Ready', ReadySchema],
  ]
  for (const [id, schema] of components) registry.add(schema, { id })
  const generated = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonSchema> }
  const schemas = Object.fromEntries(
    Object.entries(generated.schemas).map(([id, s]) => {
      const { $schema: _s, $id: _i, ...rest } = s
      return [id, rest]
    }),
  )

  const parametersOf: Record<View, unknown[]> = {
    'knowledge-products': filterParameters(ProductFilterSchema, productFilters),
    'learning-needs': filterParameters(LearningNeedFilterSchema, learningNeedFilters),
    map: [
      {
        name: 'programme',
        in: 'query',
        required: false,
        description: 'A programme slug: count that programme’s products only.',
        schema: { type: 'string' },
      },
      { name: 'axis', in: 'query', required: false, schema: toJson(MatrixAxisSchema) },
      {
        name: 'mode',
        in: 'query',
        required: false,
        description:
          '`confirmed` (default): coverage from the links editors made or accepted. `suggested`: also the strong suggestions of needs, labelled as not confirmed (learning-needs axis only). Every CSV row says which in its "Map mode" column.',
        schema: toJson(MatrixModeSchema),
      },
    ],
  }

  const paths: Record<string, unknown> = {}
  for (const [view, spec] of Object.entries(VIEWS) as [View, (typeof VIEWS)[View]][]) {
    for (const format of spec.formats) {
      paths[`/v1/${view}.${format}`] = {
        get: {
          operationId: `export-${view}-${format}`,
          summary: `${spec.summary} (${format.toUpperCase()})`,
          description: `${FORMAT_NOTES[format]} The query string is the site's, validated with the same filter schema; \`page\` and \`limit\` are checked but an export holds every matching record, in the order of \`sort\`.`,
          tags: [view],
          parameters: [
            ...parametersOf[view],
            ...(format === 'csv' ? [bomParameter, delimiterParameter] : []),
          ],
          responses: {
            '200': {
              description: 'The export, streamed as an attachment.',
              headers: {
                'Content-Disposition': { schema: { type: 'string' } },
                ETag: { schema: { type: 'string' } },
                'X-Total-Count': { schema: { type: 'integer' } },
              },
              content: mediaFor(view, format),
            },
            '304': { description: 'Not modified (If-None-Match / If-Modified-Since).' },
            '400': problemResponse('A query parameter is invalid; `param` names it.'),
            '413': problemResponse('More records than one export may hold.'),
            '429': problemResponse('Too many requests from this address.'),
            '503': problemResponse('The CMS cannot be reached; nothing was streamed.'),
          },
        },
      }
    }
  }
  paths['/healthz'] = {
    get: {
      operationId: 'healthz',
      summary: 'The service is alive',
      responses: {
        '200': {
          description: 'Alive',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } },
        },
      },
    },
  }
  paths['/readyz'] = {
    get: {
      operationId: 'readyz',
      summary: 'The CMS is reachable',
      responses: {
        '200': {
          description: 'Ready',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Ready' } } },
        },
        '503': problemResponse('The CMS cannot be reached, or the service is shutting down.'),
      },
    },
  }
  paths['/openapi.json'] = {
    get: {
      operationId: 'openapi',
      summary: 'This document',
      responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } },
    },
  }

  cached = {
    openapi: '3.1.1',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Knowledge Map export service',
      version: '1.0.0',
      description:
        'Streams any view of the Knowledge Map as a file: CSV, XLSX, JSON, NDJSON, RIS or BibTeX. Errors are RFC 9457 `application/problem+json`.',
    },
    paths,
    components: { schemas },
  }
  return cached
}
