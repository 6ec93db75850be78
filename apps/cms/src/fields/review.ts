import type { Field } from 'payload'

import { isSignedIn } from '../access/isSignedIn'
import { REVIEW_EVENTS, REVIEW_STATES } from '../review/states'

/**
 * The review fields every contributed collection carries: where the record stands, the comment
 * that goes with the latest step, and (a join) the log of every step. The state is changed by
 * saving: a contributor picks "Ready for review" and saves the draft; an editor picks "Returned
 * for changes" with a comment, or publishes. `reviewWorkflow` checks and records each change.
 */
export const reviewFields = (): Field[] => [
  {
    name: 'reviewStatus',
    type: 'select',
    label: 'Review',
    defaultValue: 'draft',
    index: true,
    options: REVIEW_STATES.map((s) => ({ ...s })),
    admin: {
      position: 'sidebar',
      description:
        'Contributors: choose “Ready for review” and save the draft (only editors return or publish). Editors: publish, or choose “Returned for changes” with a comment and save.',
    },
  },
  {
    name: 'reviewComment',
    type: 'textarea',
    label: 'Review comment',
    access: { read: isSignedIn },
    admin: {
      position: 'sidebar',
      description:
        'Goes with the review step you save now (required when returning). The contributor sees it; every step is kept in the review history.',
    },
  },
  {
    name: 'reviewHistory',
    type: 'join',
    collection: REVIEW_EVENTS,
    on: 'record',
    label: 'Review history',
    defaultLimit: 50,
    defaultSort: '-at',
    admin: { defaultColumns: ['at', 'from', 'to', 'byName', 'comment'] },
  },
]
