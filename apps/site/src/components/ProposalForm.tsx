'use client'

import { PROPOSAL_KINDS } from '@repo/types/proposal'
import { useActionState } from 'react'

import type { ProposalState, ProposalValues } from '@/app/propose/actions'
import { HONEYPOT } from '@/lib/proposalNames'

type Action = (state: ProposalState, form: FormData) => Promise<ProposalState>

/**
 * The public proposal form. A plain POST form: it works without JavaScript (the server action
 * answers with the page), and with it (no reload). Every answer but success shows the values
 * again, so nothing typed is lost.
 */
export function ProposalForm({ action, initial }: { action: Action; initial: ProposalState }) {
  const [state, formAction, pending] = useActionState(action, initial, '/propose')
  const v = state.values
  const error = (field: keyof ProposalValues) =>
    state.errors[field] ? (
      <p className="field-error" id={`${field}-error`}>
        {state.errors[field]}
      </p>
    ) : null
  const described = (field: keyof ProposalValues, hint?: string) =>
    [state.errors[field] ? `${field}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined

  return (
    <>
      {state.status === 'sent' ? (
        <div className="panel" role="status" data-proposal="sent">
          <h2>Thank you</h2>
          <p>
            Your proposal of{' '}
            {state.message === 'learning-need' ? 'a learning need' : 'a knowledge product'} is with
            the editors as a draft. It appears on the map once an editor has checked and published
            it. You can propose another below.
          </p>
        </div>
      ) : state.message ? (
        <div className="panel panel-error" role="alert" data-proposal={state.status}>
          <p>{state.message}</p>
        </div>
      ) : null}
      <form action={formAction} className="proposal-form" noValidate>
        <input type="hidden" name="token" value={state.token} />
        <fieldset>
          <legend>What do you propose?</legend>
          {PROPOSAL_KINDS.map((k) => (
            <label key={k.value} className="choice">
              <input
                type="radio"
                name="kind"
                value={k.value}
                defaultChecked={v.kind === k.value}
                aria-describedby={described('kind')}
                required
              />{' '}
              {k.label}
            </label>
          ))}
          {error('kind')}
        </fieldset>
        <div className="field">
          <label htmlFor="title">Title</label>
          <input
            id="title"
            name="title"
            defaultValue={v.title}
            maxLength={300}
            required
            aria-invalid={Boolean(state.errors.title)}
            aria-describedby={described('title')}
          />
          {error('title')}
        </div>
        <div className="field">
          <label htmlFor="link">Link (optional)</label>
          <input
            id="link"
            name="link"
            type="url"
            inputMode="url"
            defaultValue={v.link}
            placeholder="https://"
            aria-invalid={Boolean(state.errors.link)}
            aria-describedby={described('link', 'link-hint')}
          />
          <p className="hint" id="link-hint">
            Where the product, or the need as it was stated, can be read.
          </p>
          {error('link')}
        </div>
        <div className="field">
          <label htmlFor="description">Description</label>
          <textarea
            id="description"
            name="description"
            rows={6}
            defaultValue={v.description}
            maxLength={5000}
            required
            aria-invalid={Boolean(state.errors.description)}
            aria-describedby={described('description', 'description-hint')}
          />
          <p className="hint" id="description-hint">
            What it is and why it belongs on the map (for a need: who has it, and what they want to
            learn).
          </p>
          {error('description')}
        </div>
        <div className="field">
          <label htmlFor="email">Your e-mail (optional)</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            defaultValue={v.email}
            aria-invalid={Boolean(state.errors.email)}
            aria-describedby={described('email', 'email-hint')}
          />
          <p className="hint" id="email-hint">
            Only the editors see it, to ask you a question. It is never shown on the site.
          </p>
          {error('email')}
        </div>
        <div className="honeypot" aria-hidden="true">
          <label htmlFor={HONEYPOT}>Leave this field empty</label>
          <input id={HONEYPOT} name={HONEYPOT} tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Sending…' : 'Send the proposal'}
        </button>
      </form>
    </>
  )
}
