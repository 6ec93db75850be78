/**
 * The map's own parameters (`/?programme=…&axis=types`), parsed by one function for the site's
 * home page, the CMS's matrix endpoint and the export service's `/v1/map.*`.
 */
import type { FilterIssue, ParseOptions, QueryInput } from './filters.js'
import { MATRIX_AXES, MATRIX_MODES, type MatrixAxis, type MatrixMode } from './schemas.js'
import { isSlug } from './slugify.js'

export type MapParams = { axis: MatrixAxis; programme?: string; mode?: MatrixMode }

export const MAP_PARAMS = ['programme', 'axis', 'mode'] as const

export type MapParamsResult =
  | { ok: true; params: MapParams; /** The canonical query, without `?`. */ query: string }
  | { ok: false; issues: FilterIssue[] }

const entriesOf = (input: QueryInput): [string, string][] => {
  if (typeof input === 'string') return [...new URLSearchParams(input.replace(/^\?/, ''))]
  if (input instanceof URLSearchParams) return [...input]
  return Object.entries(input).flatMap(([k, v]) =>
    v === undefined
      ? []
      : (Array.isArray(v) ? v : [v as string]).map((x): [string, string] => [k, x]),
  )
}

/** The canonical query of the map's parameters (defaults left out). */
export function mapQuery(params: MapParams): string {
  const out = new URLSearchParams()
  if (params.programme) out.set('programme', params.programme)
  if (params.axis !== 'learning-needs') out.set('axis', params.axis)
  if (params.mode && params.mode !== 'confirmed') out.set('mode', params.mode)
  return out.toString()
}

/** Parses the map's parameters; unknown ones are an issue unless `allowUnknown`. */
export function parseMapParams(input: QueryInput, options: ParseOptions = {}): MapParamsResult {
  const issues: FilterIssue[] = []
  const seen = new Map<string, string>()
  for (const [key, raw] of entriesOf(input)) {
    if (!(MAP_PARAMS as readonly string[]).includes(key)) {
      if (!options.allowUnknown) {
        issues.push({
          param: key,
          message: 'Unknown parameter. The map takes programme, axis and mode.',
        })
      }
      continue
    }
    if (seen.has(key)) {
      issues.push({ param: key, message: 'Give this parameter only once.' })
      continue
    }
    seen.set(key, raw.trim())
  }
  const axis = seen.get('axis') || 'learning-needs'
  if (!(MATRIX_AXES as readonly string[]).includes(axis)) {
    issues.push({ param: 'axis', message: `Use ${MATRIX_AXES.join(' or ')}.` })
  }
  const programme = seen.get('programme') || undefined
  if (programme !== undefined && !isSlug(programme)) {
    issues.push({
      param: 'programme',
      message: 'Give a programme slug, such as strengthening-civil-society.',
    })
  }
  const mode = seen.get('mode') || 'confirmed'
  if (!(MATRIX_MODES as readonly string[]).includes(mode)) {
    issues.push({ param: 'mode', message: `Use ${MATRIX_MODES.join(' or ')}.` })
  } else if (mode === 'suggested' && axis === 'types') {
    issues.push({
      param: 'mode',
      message:
        'Suggestions connect products to learning needs: use mode=suggested with axis=learning-needs.',
    })
  }
  if (issues.length > 0) return { ok: false, issues }
  const params: MapParams = {
    axis: axis as MatrixAxis,
    programme,
    ...(mode === 'suggested' ? { mode: 'suggested' as const } : {}),
  }
  return { ok: true, params, query: mapQuery(params) }
}
