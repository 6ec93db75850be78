import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import type { Tracked } from '../changes/derive'
import { recordChanges } from '../changes/store'

/**
 * Keeps the record's entries in the map's changelog, in the write's transaction. Runs after the
 * review workflow's hook, whose takedown event it reads. Any save may change them (a publish, an
 * unpublish, the trash, a restore); a draft save changes nothing and writes nothing.
 */
export const recordChangesAfterChange: CollectionAfterChangeHook = async ({
  collection,
  doc,
  req,
}) => {
  await recordChanges(req, { collection: collection.slug as Tracked, id: doc.id })
  return doc
}

export const recordChangesAfterDelete: CollectionAfterDeleteHook = async ({
  collection,
  id,
  req,
  doc,
}) => {
  await recordChanges(req, { collection: collection.slug as Tracked, id })
  return doc
}
