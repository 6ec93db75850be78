import { schedulePublishHandler } from '@payloadcms/ui/utilities/schedulePublishHandler'

import { isRole } from '../access/roles'

export const SCHEDULE_REFUSED =
  'Only editors schedule publishing or unpublishing, and only they cancel a scheduled one.'

/**
 * The admin's "Schedule" drawer calls this server function (wired in `app/(payload)/layout.tsx`).
 * Payload's own handler checks only that the user may open the admin, queues the job without
 * access control (the job then runs as whoever scheduled it) and deletes a job by id with the
 * Local API: any contributor could schedule an unpublish or cancel an editor's schedule. Only
 * editors and admins get through; others get the reason back, which the drawer shows.
 */
export const guardedSchedulePublish: typeof schedulePublishHandler = async (args) => {
  if (!isRole(args.req.user, 'admin', 'editor')) return { error: SCHEDULE_REFUSED }
  return schedulePublishHandler(args)
}
