import * as migration_20261129_081954_initial from './20261129_081954_initial';
import * as migration_20261129_083413_editorial_workflow from './20261129_083413_editorial_workflow';
import * as migration_20261129_091243_list_indexes from './20261129_091243_list_indexes';
import * as migration_20261201_080544_stated_needs_provenance from './20261201_080544_stated_needs_provenance';
import * as migration_20261201_084935_public_proposals from './20261201_084935_public_proposals';
import * as migration_20261201_085719_unmet_searches from './20261201_085719_unmet_searches';
import * as migration_20261201_091306_need_reviews from './20261201_091306_need_reviews';

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
    up: migration_20261201_080544_stated_needs_provenance.up,
    down: migration_20261201_080544_stated_needs_provenance.down,
    name: '20261201_080544_stated_needs_provenance',
  },
  {
    up: migration_20261201_084935_public_proposals.up,
    down: migration_20261201_084935_public_proposals.down,
    name: '20261201_084935_public_proposals',
  },
  {
    up: migration_20261201_085719_unmet_searches.up,
    down: migration_20261201_085719_unmet_searches.down,
    name: '20261201_085719_unmet_searches',
  },
  {
    up: migration_20261201_091306_need_reviews.up,
    down: migration_20261201_091306_need_reviews.down,
    name: '20261201_091306_need_reviews'
  },
];
