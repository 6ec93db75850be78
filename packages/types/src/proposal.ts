/**
 * A visitor's proposal of a knowledge product or a learning need, sent from the site's public
 * form to the CMS, which files it as a draft for editors. The same schema checks it on both sides.
 */
import { z } from 'zod'

export const PROPOSAL_KINDS = [
  { value: 'knowledge-product', label: 'A knowledge product' },
  { value: 'learning-need', label: 'A learning need or knowledge gap' },
] as const
export type ProposalKind = (typeof PROPOSAL_KINDS)[number]['value']

const trimmed = (min: number, max: number, what: string) =>
  z
    .string({ error: `Give ${what}.` })
    .trim()
    .min(
      min,
      min <= 1
        ? `Give ${what}.`
        : `${what[0]!.toUpperCase()}${what.slice(1)} needs at least ${min} characters.`,
    )
    .max(max, `Keep ${what} under ${max} characters.`)

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional())

export const ProposalSchema = z.object({
  kind: z.enum(['knowledge-product', 'learning-need'], {
    error: 'Say whether you propose a knowledge product or a learning need.',
  }),
  title: trimmed(3, 300, 'a title'),
  link: optional(
    z
      .string()
      .trim()
      .max(2000, 'Keep the link under 2,000 characters.')
      .refine((v) => {
        try {
          const u = new URL(v)
          return u.protocol === 'https:' || u.protocol === 'http:'
        } catch {
          return false
        }
      }, 'Give the link as a full web address, starting with https://.'),
  ),
  description: trimmed(20, 5000, 'a description'),
  /** Kept for editors only, to ask a question back; never shown on the site. */
  email: optional(z.email('Give a valid e-mail address, or leave it empty.').max(320)),
})
export type Proposal = z.output<typeof ProposalSchema>
export type ProposalInput = z.input<typeof ProposalSchema>

/** The CMS's answer to an accepted proposal. */
export const ProposalReceiptSchema = z.object({
  kind: z.enum(['knowledge-product', 'learning-need']),
  id: z.union([z.string(), z.number()]),
})
export type ProposalReceipt = z.output<typeof ProposalReceiptSchema>
