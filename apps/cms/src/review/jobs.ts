import { type JobsConfig, type PayloadRequest, type TaskConfig } from 'payload'

import { isRole } from '../access/roles'
import { reconcileCoverage } from '../lib/coverage'
import { runJobsSerialised } from '../lib/writes'
import { recomputeSuggestionsTask } from '../suggest/job'
import { SUGGESTIONS_QUEUE } from '../suggest/snapshot'

export const RECONCILE_TASK = 'reconcileCoverage'

type MaybeUser = Parameters<typeof isRole>[0]
const isStaffUser = (user: unknown) => isRole(user as MaybeUser, 'admin', 'editor')

/**
 * Recounts every learning need from the live products and corrects drift; nightly, and from the
 * CLI (`pnpm --filter @repo/cms reconcile`). Its output lists what it corrected.
 */
const reconcileCoverageTask: TaskConfig<{
  input: Record<string, never>
  output: { checked: number; corrected: unknown }
}> = {
  slug: RECONCILE_TASK,
  label: 'Reconcile learning-need coverage',
  schedule: [{ cron: '30 3 * * *', queue: 'maintenance' }],
  retries: 1,
  outputSchema: [
    { name: 'checked', type: 'number', required: true },
    { name: 'corrected', type: 'json', required: true },
  ],
  handler: async ({ req }: { req: PayloadRequest }) => {
    const report = await reconcileCoverage(req)
    if (report.corrected.length > 0) {
      req.payload.logger.warn(
        `Coverage reconcile corrected ${report.corrected.length} of ${report.checked} needs: ${report.corrected.map((c) => c.slug ?? c.id).join(', ')}`,
      )
    }
    return { output: { checked: report.checked, corrected: report.corrected } }
  },
}

/**
 * Payload's jobs queue, which runs scheduled publishing (`versions.drafts.schedulePublish`; Payload
 * adds the `schedulePublish` task itself) and the nightly coverage reconcile. The long-running
 * server checks for due jobs every minute; tests run them explicitly with `payload.jobs.run()`.
 * Only staff may queue, run or cancel jobs over the API, and only staff schedule through the
 * admin (`guardedSchedulePublish`); a scheduled publish runs as the editor who scheduled it, with
 * their access, so a job a contributor queued some other way changes nothing live either.
 */
export const jobsConfig = ({
  autoRun,
  serialised,
}: {
  autoRun: boolean
  /** SQLite: the runner's writes take the process's write lock (see lib/writes.ts). */
  serialised: boolean
}): JobsConfig => {
  const staff = ({ req }: { req: { user?: unknown } }) => isStaffUser(req.user)
  return {
    access: { queue: staff, run: staff, cancel: staff },
    // Payload calls this where it would start its crons (the server, not the CLI).
    autoRun: !autoRun
      ? undefined
      : serialised
        ? (payload) => {
            runJobsSerialised(payload)
            return []
          }
        : [
            { cron: '* * * * *', queue: 'default', limit: 20 },
            { cron: '*/15 * * * *', queue: 'maintenance', limit: 1 },
            { cron: '* * * * *', queue: SUGGESTIONS_QUEUE, limit: 1 },
          ],
    deleteJobOnComplete: true,
    tasks: [
      reconcileCoverageTask as unknown as TaskConfig,
      recomputeSuggestionsTask as unknown as TaskConfig,
    ],
  }
}
