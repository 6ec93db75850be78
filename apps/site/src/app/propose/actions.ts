'use server'

import { ProposalSchema } from '@repo/types'
import { headers } from 'next/headers'

import { env } from '@/env'
import { allowProposal, checkToken, formToken, HONEYPOT } from '@/lib/proposal'

export type ProposalValues = {
  kind: string
  title: string
  link: string
  description: string
  email: string
}

export type ProposalState = {
  status: 'idle' | 'invalid' | 'refused' | 'sent'
  /** What the visitor typed: shown again on every answer but success, so nothing is lost. */
  values: ProposalValues
  errors: Partial<Record<keyof ProposalValues, string>>
  message?: string
  /** A fresh signed time stamp for the next send. */
  token: string
}

const EMPTY: ProposalValues = { kind: '', title: '', link: '', description: '', email: '' }

export const initialProposalState = async (): Promise<ProposalState> => ({
  status: 'idle',
  values: EMPTY,
  errors: {},
  token: formToken(),
})

const text = (form: FormData, name: string) => {
  const v = form.get(name)
  return typeof v === 'string' ? v : ''
}

/** The client for the rate limit: the first proxy-reported address, else one shared bucket. */
async function client(): Promise<string> {
  const h = await headers()
  return h.get('x-forwarded-for')?.split(',')[0]?.trim() || h.get('x-real-ip') || 'direct'
}

/** The form's server action: checks, then files the proposal as a draft in the CMS. */
export async function submitProposal(
  _previous: ProposalState,
  form: FormData,
): Promise<ProposalState> {
  const values: ProposalValues = {
    kind: text(form, 'kind'),
    title: text(form, 'title'),
    link: text(form, 'link'),
    description: text(form, 'description'),
    email: text(form, 'email'),
  }
  const answer = (s: Omit<ProposalState, 'values' | 'token'> & { values?: ProposalValues }) => ({
    values,
    ...s,
    token: formToken(),
  })

  if (text(form, HONEYPOT) !== '') {
    return answer({
      status: 'refused',
      errors: {},
      message: 'This proposal could not be accepted.',
    })
  }
  const timing = checkToken(form.get('token'))
  if (timing === 'too-fast' || timing === 'invalid') {
    return answer({
      status: 'refused',
      errors: {},
      message:
        'That was sent faster than a person can fill in the form. Check your proposal below and send it again.',
    })
  }
  if (timing === 'stale') {
    return answer({
      status: 'refused',
      errors: {},
      message:
        'This form was opened more than a day ago. Check your proposal below and send it again.',
    })
  }
  const parsed = ProposalSchema.safeParse(values)
  if (!parsed.success) {
    const errors: ProposalState['errors'] = {}
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '') as keyof ProposalValues
      errors[field] ??= issue.message
    }
    return answer({ status: 'invalid', errors, message: 'Please correct the fields marked below.' })
  }
  if (!allowProposal(await client())) {
    return answer({
      status: 'refused',
      errors: {},
      message: 'Too many proposals from here in a short time. Please try again in ten minutes.',
    })
  }
  const { cmsUrl, revalidateSecret } = env()
  if (!revalidateSecret) {
    return answer({
      status: 'refused',
      errors: {},
      message: 'Proposals are not switched on for this site yet. Please write to Partos instead.',
    })
  }
  try {
    const res = await fetch(`${cmsUrl}/api/proposals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${revalidateSecret}` },
      body: JSON.stringify(parsed.data),
      signal: AbortSignal.timeout(10_000),
      cache: 'no-store',
    })
    if (res.status === 201) {
      return {
        status: 'sent',
        values: EMPTY,
        errors: {},
        token: formToken(),
        message: parsed.data.kind,
      }
    }
    const detail = ((await res.json().catch(() => ({}))) as { detail?: string }).detail
    return answer({
      status: res.status === 400 ? 'invalid' : 'refused',
      errors: {},
      message:
        detail ??
        `The map could not take the proposal just now (${res.status}). Please send it again later.`,
    })
  } catch {
    return answer({
      status: 'refused',
      errors: {},
      message:
        'The map could not be reached just now. Your proposal is below: please send it again later.',
    })
  }
}
