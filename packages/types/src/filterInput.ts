import { KnowledgeMapError } from './errors.js'
import { FilterError, type FilterLanguage, type QueryInput } from './filters.js'

/** A filter object or query string, normalised by `language`; bad input is a KnowledgeMapError. */
export function toFilterWith<Out, In>(
  language: FilterLanguage<Out, In>,
  filter: In | QueryInput | undefined,
): Out {
  try {
    if (filter === undefined) return language.normalise({} as In)
    if (typeof filter === 'string' || filter instanceof URLSearchParams) {
      return language.parse(filter)
    }
    return language.normalise(filter as In)
  } catch (err) {
    if (err instanceof FilterError) {
      throw new KnowledgeMapError(`Invalid filter: ${err.message}`, {
        code: 'invalid_filter',
        details: err.issues,
        cause: err,
      })
    }
    throw err
  }
}
