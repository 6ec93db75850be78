import type { Access } from 'payload'

/** For append-only records written by the system (hooks pass `overrideAccess`): no user writes. */
export const nobody: Access = () => false
