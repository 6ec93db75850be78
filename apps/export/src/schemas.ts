/**
 * The shapes of this service's JSON answers, built from the shared zod schemas of `@repo/types`.
 * They are what the tests validate the exports with and what `/openapi.json` is generated from.
 */
import {
  LearningNeedSchema,
  MatrixSchema,
  MatrixSuggestionSchema,
  ProductRefSchema,
  ProductSchema,
} from '@repo/types'
import { z } from 'zod'

import { FORMATS } from './formats.js'
import { ProblemSchema } from './problem.js'

export const FormatSchema = z.enum(Object.keys(FORMATS) as [keyof typeof FORMATS])

/** What the JSON formats say about the export itself. */
export const ExportMetaSchema = z.object({
  view: z.enum(['knowledge-products', 'learning-needs', 'map']),
  format: FormatSchema,
  /** The canonical filter query string, without `?`; empty for everything. */
  query: z.string(),
  generatedAt: z.iso.datetime(),
  url: z.string(),
  /** Matching records when the export started. */
  total: z.number().int().nonnegative().optional(),
})
export type ExportMetaJson = z.infer<typeof ExportMetaSchema>

/** The problem that ends an export that stopped part-way. */
export const IncompleteProblemSchema = ProblemSchema.extend({
  rows: z.number().int().nonnegative(),
})

/** A streamed JSON export: meta, the records, then whether it is complete. */
export const exportDocumentSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    export: ExportMetaSchema,
    data: z.array(item),
    count: z.number().int().nonnegative(),
    complete: z.boolean(),
    /** Present when `complete` is false. */
    error: IncompleteProblemSchema.optional(),
  })

/**
 * A learning need with the published products that address it (the need's "addressed by",
 * confirmed by editors) and the map's strong suggestions for it (`suggested`, not confirmed).
 */
export const LearningNeedExportSchema = LearningNeedSchema.extend({
  addressedBy: z.array(ProductRefSchema),
  suggested: z.array(MatrixSuggestionSchema),
})

export const ProductExportDocumentSchema = exportDocumentSchema(ProductSchema)
export const LearningNeedExportDocumentSchema = exportDocumentSchema(LearningNeedExportSchema)

/** The map as JSON: the CMS's matrix plus the export's meta. */
export const MapExportSchema = MatrixSchema.extend({ export: ExportMetaSchema })

/** The last line of an NDJSON export that stopped part-way. */
export const NdjsonErrorLineSchema = z.object({ error: IncompleteProblemSchema })

export const HealthSchema = z.object({
  status: z.literal('ok'),
  uptimeSeconds: z.number(),
  activeExports: z.number().int().nonnegative(),
})

export const ReadySchema = z.object({
  status: z.literal('ready'),
  cms: z.literal('reachable'),
  latencyMs: z.number().nonnegative(),
})

export { ProblemSchema }
