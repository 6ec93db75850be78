import type { Endpoint, FieldHook } from 'payload'

import { isRole } from '../../access/roles'
import { lastReviews, recordReview } from '../../demand/reviews'
import { problem } from '../../endpoints/shared'

/** `POST /api/learning-needs/:id/reviewed` (editors): "Reviewed, no change". */
export const reviewedEndpoint: Endpoint = {
  path: '/:id/reviewed',
  method: 'post',
  handler: async (req) => {
    const refuse = (status: number, detail: string) =>
      problem(status, 'Review not recorded', detail)
    if (!isRole(req.user, 'admin', 'editor')) {
      return refuse(403, 'Only editors record that a learning need was reviewed.')
    }
    const id = String(req.routeParams?.id ?? '')
    const review = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await recordReview(req, id) : null
    if (!review) return refuse(404, `There is no learning need ${id}.`)
    return Response.json({ id: review.id, at: review.at }, { status: 201 })
  },
}

/** The virtual `lastReviewedAt`: the newest "Reviewed, no change" of the need, if any. */
export const lastReviewedAt: FieldHook = async ({ data, originalDoc, req }) => {
  const id =
    (originalDoc as { id?: string | number } | undefined)?.id ??
    (data as { id?: string | number } | undefined)?.id
  if (id === undefined) return null
  return (await lastReviews(req.payload, [id])).get(String(id)) ?? null
}
