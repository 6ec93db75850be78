import type { PayloadRequest, TaskConfig } from 'payload'

import { notifySite } from '../hooks/revalidateSite'
import {
  SUGGESTED_COVERAGE,
  SUGGESTION_STATUS,
  RECOMPUTE_SUGGESTIONS_TASK,
  recomputeSuggestedCoverage,
} from './snapshot'

/** The background job that recomputes the map's suggested coverage (see snapshot.ts). */
export const recomputeSuggestionsTask: TaskConfig<{
  input: { reason?: string }
  output: { needs: number; suggested: number }
}> = {
  slug: RECOMPUTE_SUGGESTIONS_TASK,
  label: 'Recompute suggested coverage',
  retries: 1,
  inputSchema: [{ name: 'reason', type: 'text' }],
  outputSchema: [
    { name: 'needs', type: 'number', required: true },
    { name: 'suggested', type: 'number', required: true },
  ],
  handler: async ({ input, req }: { input: { reason?: string }; req: PayloadRequest }) => {
    let output
    try {
      output = await recomputeSuggestedCoverage(req.payload, input.reason ?? 'queued', req)
    } catch (err) {
      await req.payload.updateGlobal({
        slug: SUGGESTION_STATUS,
        data: { state: 'idle', error: err instanceof Error ? err.message : String(err) },
        overrideAccess: true,
        req,
      })
      throw err
    }
    // The job commits nothing for later: the site may read the new suggestions now.
    void notifySite(req, { collection: SUGGESTED_COVERAGE })
    return { output }
  },
}
