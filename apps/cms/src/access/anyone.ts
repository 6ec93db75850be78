import type { Access } from 'payload'

/** Reference data without drafts (programmes, themes, organisations…): public. */
export const anyone: Access = () => true
