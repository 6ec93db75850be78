import { COLLECTIONS } from '@repo/types'
import type { Access, Where } from 'payload'

import { roleOf } from './roles'

/**
 * Files: signed-in people read them all (they attach them to drafts); the public only the files
 * of published products that are not in the trash, so a file attached to a draft alone stays
 * private, in `GET /api/media` and at its file URL (Payload checks this access there too).
 */
export const mediaRead: Access = async ({ req }): Promise<boolean | Where> => {
  if (roleOf(req.user) !== undefined) return true
  const { docs } = await req.payload.find({
    collection: COLLECTIONS.knowledgeProducts,
    where: { and: [{ _status: { equals: 'published' } }, { file: { exists: true } }] },
    select: { file: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const ids = [
    ...new Set(
      docs
        .map((d) => (d.file && typeof d.file === 'object' ? d.file.id : d.file))
        .filter((id): id is number => id !== null && id !== undefined),
    ),
  ]
  return { id: { in: ids.length > 0 ? ids : [0] } }
}
