import { COVERAGE, type Coverage, readableTextOn, type ThemeRef } from '@repo/types'
import Link from 'next/link'

/** A theme as a chip in its own colour (the text colour is chosen for contrast). */
export function ThemeChip({ theme, href }: { theme: ThemeRef; href?: string }) {
  const style = {
    background: theme.colour,
    color: readableTextOn(theme.colour),
    borderColor: theme.colour,
  }
  const label = theme.shortTitle || theme.title
  return href ? (
    <Link className="chip" style={style} href={href} title={theme.title}>
      {label}
    </Link>
  ) : (
    <span className="chip" style={style} title={theme.title}>
      {label}
    </span>
  )
}

export function ThemeChips({ themes }: { themes: ThemeRef[] }) {
  if (themes.length === 0) return null
  return (
    <ul className="chips" aria-label="Themes">
      {themes.map((t) => (
        <li key={t.slug}>
          <ThemeChip theme={t} href={`/themes/${t.slug}`} />
        </li>
      ))}
    </ul>
  )
}

const COVERAGE_LABEL = new Map<string, string>(COVERAGE.map((c) => [c.value, c.label]))

/** A learning need's coverage: open (a gap), partially covered or covered. */
export function CoverageBadge({ coverage }: { coverage: Coverage | null | undefined }) {
  const value = coverage ?? 'open'
  return <span className={`badge badge-${value}`}>{COVERAGE_LABEL.get(value) ?? value}</span>
}
