/** A visible "Follow" link to a page's Atom feed (the page also announces it in its head). */
export function FollowLink({ path, what }: { path: string; what: string }) {
  return (
    <p className="follow">
      <a href={path} type="application/atom+xml">
        Follow {what}
      </a>{' '}
      <span className="muted">(Atom feed: paste the link into any feed reader)</span>
    </p>
  )
}
