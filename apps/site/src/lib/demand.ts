/**
 * Reports a search that found nothing to the CMS, after the page has been sent: only the words
 * (the CMS normalises them and keeps the day and a count). No address, no cookie, nothing about
 * the visitor leaves the site.
 */
import { type UnmetSearchPolicy, UnmetSearchPolicySchema } from '@repo/types'
import { after } from 'next/server'

import { env } from '@/env'

export function reportUnmetSearch(query: string): void {
  const { cmsUrl, revalidateSecret } = env()
  if (!revalidateSecret || query.trim().length < 2) return
  after(async () => {
    try {
      await fetch(`${cmsUrl}/api/unmet-searches`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${revalidateSecret}`,
        },
        body: JSON.stringify({ query }),
        signal: AbortSignal.timeout(5_000),
        cache: 'no-store',
      })
    } catch {
      // Counting is best effort: a visitor's page never waits for it or fails with it.
    }
  })
}

/** What the CMS keeps of unmet searches, for the privacy note (undefined if it cannot say). */
export async function unmetSearchPolicy(): Promise<UnmetSearchPolicy | undefined> {
  try {
    const res = await fetch(`${env().cmsUrl}/api/unmet-searches/policy`, {
      next: { revalidate: 300 },
      signal: AbortSignal.timeout(5_000),
    })
    if (!res.ok) return undefined
    const parsed = UnmetSearchPolicySchema.safeParse(await res.json())
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}
