'use client'

import { useRouter } from 'next/navigation'
import { type ReactNode, useEffect, useRef, useTransition } from 'react'

import { formQuery } from '@/lib/form'

const APPLY_ON_CHANGE = new Set(['checkbox', 'radio', 'select-one', 'number'])

/**
 * The `/products` filter form. Without JavaScript it is a plain GET form (the server then
 * redirects to the canonical URL). With JavaScript, ticking a box, choosing an order or changing
 * a year applies at once, and the text search on submit, through client-side navigation (the
 * server redirects to the canonical URL): no full reload, and back/forward walk through views.
 */
export function ProductSearchForm({ children, id }: { children: ReactNode; id: string }) {
  const router = useRouter()
  const ref = useRef<HTMLFormElement>(null)
  const [pending, startTransition] = useTransition()

  useEffect(() => {
    document.getElementById('results')?.setAttribute('aria-busy', String(pending))
  }, [pending])

  useEffect(() => {
    const form = ref.current
    if (!form) return
    const go = () => {
      // The server answers a non-canonical query with a redirect to the canonical URL.
      const qs = formQuery(new FormData(form))
      startTransition(() => router.push(qs ? `/products?${qs}` : '/products', { scroll: false }))
    }
    const onChange = (event: Event) => {
      const target = event.target as HTMLInputElement | HTMLSelectElement
      if (APPLY_ON_CHANGE.has(target.type)) go()
    }
    const onSubmit = (event: SubmitEvent) => {
      event.preventDefault()
      go()
    }
    form.addEventListener('change', onChange)
    form.addEventListener('submit', onSubmit)
    return () => {
      form.removeEventListener('change', onChange)
      form.removeEventListener('submit', onSubmit)
    }
  }, [router])

  return (
    <form
      ref={ref}
      id={id}
      action="/products"
      method="get"
      role="search"
      aria-label="Knowledge products"
    >
      {children}
    </form>
  )
}
