/** What the CMS keeps of searches that found nothing (`GET /api/unmet-searches/policy`). */
import { z } from 'zod'

export const UnmetSearchPolicySchema = z.object({
  enabled: z.boolean(),
  retentionDays: z.number().int().positive(),
})
export type UnmetSearchPolicy = z.output<typeof UnmetSearchPolicySchema>
