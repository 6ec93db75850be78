import type { Field } from 'payload'

import { isStaffField } from '../access/isStaffField'

/**
 * Set when a visitor proposed the record through the site's public form. Editors only: the
 * e-mail address is there to ask the proposer a question, and never leaves the admin.
 */
export const proposalField = (): Field => ({
  name: 'proposal',
  type: 'group',
  label: 'Proposed by a visitor',
  access: { read: isStaffField, create: isStaffField, update: isStaffField },
  admin: {
    position: 'sidebar',
    condition: (data) => Boolean(data?.proposal?.submittedAt),
    description: 'From the public form. Check the facts and the source before publishing.',
  },
  fields: [
    { name: 'submittedAt', type: 'date', admin: { readOnly: true } },
    { name: 'email', type: 'email', label: 'Proposer’s e-mail (editors only)' },
  ],
})
