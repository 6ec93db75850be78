export * from './collections.js'
export * from './slugify.js'
export * from './colour.js'
