import type { JobsConfig } from 'payload'

import { isRole } from '../access/roles'

/**
 * Payload's jobs queue, which runs scheduled publishing (`versions.drafts.schedulePublish`; Payload
 * adds the `schedulePublish` task itself). The long-running server checks for due jobs every
 * minute; tests run them explicitly with `payload.jobs.run()`. Only staff may queue, run or
 * cancel jobs over the API; a scheduled publish runs as the editor who scheduled it.
 */
export const jobsConfig = ({ autoRun }: { autoRun: boolean }): JobsConfig => {
  const staff = ({ req }: { req: { user?: unknown } }) =>
    isRole(req.user as never, 'admin', 'editor')
  return {
    access: { queue: staff, run: staff, cancel: staff },
    autoRun: autoRun ? [{ cron: '* * * * *', queue: 'default', limit: 20 }] : undefined,
    deleteJobOnComplete: true,
  }
}
