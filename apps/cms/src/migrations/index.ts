import * as migration_20261129_081954_initial from './20261129_081954_initial'
import * as migration_20261129_083413_editorial_workflow from './20261129_083413_editorial_workflow'
import * as migration_20261129_091243_list_indexes from './20261129_091243_list_indexes'
import * as migration_20261201_075006_coverage_reconcile_jobs from './20261201_075006_coverage_reconcile_jobs'
import * as migration_20261201_091618_stated_needs_proposals_unmet_searches_reviews from './20261201_091618_stated_needs_proposals_unmet_searches_reviews'
import * as migration_20261201_121312_search_first_published_suggestions from './20261201_121312_search_first_published_suggestions'
import * as migration_20261201_121313_search_fts from './20261201_121313_search_fts'
import * as migration_20261201_125232_suggested_coverage from './20261201_125232_suggested_coverage'
import * as migration_20261201_134915_changelog from './20261201_134915_changelog'
import * as migration_20261201_134916_changelog_backfill from './20261201_134916_changelog_backfill'

export const migrations = [
  {
    up: migration_20261129_081954_initial.up,
    down: migration_20261129_081954_initial.down,
    name: '20261129_081954_initial',
  },
  {
    up: migration_20261129_083413_editorial_workflow.up,
    down: migration_20261129_083413_editorial_workflow.down,
    name: '20261129_083413_editorial_workflow',
  },
  {
    up: migration_20261129_091243_list_indexes.up,
    down: migration_20261129_091243_list_indexes.down,
    name: '20261129_091243_list_indexes',
  },
  {
    up: migration_20261201_075006_coverage_reconcile_jobs.up,
    down: migration_20261201_075006_coverage_reconcile_jobs.down,
    name: '20261201_075006_coverage_reconcile_jobs',
  },
  {
    up: migration_20261201_091618_stated_needs_proposals_unmet_searches_reviews.up,
    down: migration_20261201_091618_stated_needs_proposals_unmet_searches_reviews.down,
    name: '20261201_091618_stated_needs_proposals_unmet_searches_reviews',
  },
  {
    up: migration_20261201_121312_search_first_published_suggestions.up,
    down: migration_20261201_121312_search_first_published_suggestions.down,
    name: '20261201_121312_search_first_published_suggestions',
  },
  {
    up: migration_20261201_121313_search_fts.up,
    down: migration_20261201_121313_search_fts.down,
    name: '20261201_121313_search_fts',
  },
  {
    up: migration_20261201_125232_suggested_coverage.up,
    down: migration_20261201_125232_suggested_coverage.down,
    name: '20261201_125232_suggested_coverage',
  },
  {
    up: migration_20261201_134915_changelog.up,
    down: migration_20261201_134915_changelog.down,
    name: '20261201_134915_changelog',
  },
  {
    up: migration_20261201_134916_changelog_backfill.up,
    down: migration_20261201_134916_changelog_backfill.down,
    name: '20261201_134916_changelog_backfill',
  },
]
