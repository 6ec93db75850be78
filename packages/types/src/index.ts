export * from './collections.js'
export * from './slugify.js'
export * from './colour.js'
export * from './schemas.js'
export * from './filters.js'
export * from './searchText.js'
export * from './search.js'
export { StreamLineSchema, type ProductSearchMethods } from './searchClient.js'
export * from './citation.js'
export * from './citationMeta.js'
export * from './errors.js'
export * from './facets.js'
export * from './mapParams.js'
export * from './mapStatus.js'
export * from './changes.js'
export {
  createClient,
  restQuery,
  POPULATE,
  QUERY_SHAPES,
  MATRIX_PATH,
  MAX_ITERATE_PAGE,
  type ClientOptions,
  type RequestOptions,
  type CollectionClient,
  type KnowledgeMapClient,
  type PublicCollection,
} from './client.js'
export * from './proposal.js'
export * from './demand.js'
