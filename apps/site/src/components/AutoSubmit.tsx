'use client'

import { useRouter } from 'next/navigation'
import { type ReactNode, useTransition } from 'react'

/**
 * A plain GET form that, with JavaScript, applies each change at once without a full reload.
 * `defaults` lists values that are left out of the URL (so the URL stays canonical).
 */
export function AutoSubmitForm({
  action,
  defaults,
  className,
  label,
  children,
}: {
  action: string
  defaults: Record<string, string>
  className?: string
  label: string
  children: ReactNode
}) {
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const go = (form: HTMLFormElement) => {
    const params = new URLSearchParams()
    for (const [key, value] of new FormData(form)) {
      if (typeof value === 'string' && value !== '' && defaults[key] !== value) {
        params.append(key, value)
      }
    }
    const qs = params.toString()
    startTransition(() => router.push(qs ? `${action}?${qs}` : action, { scroll: false }))
  }
  return (
    <form
      action={action}
      method="get"
      className={className}
      aria-label={label}
      aria-busy={pending}
      onChange={(e) => go(e.currentTarget)}
      onSubmit={(e) => {
        e.preventDefault()
        go(e.currentTarget)
      }}
    >
      {children}
    </form>
  )
}
