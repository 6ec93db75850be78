'use client'
import React, { useState } from 'react'

type Issue = { sheet?: string; row: number; column?: string; message: string; text: string }
type Report = {
  file: string
  dryRun: boolean
  committed: boolean
  ok: boolean
  written: number
  sections: { sheet: string; collection: string; rows: number; create: number; update: number }[]
  issues: Issue[]
  warnings: string[]
}
type Progress = { phase: string; done: number; total: number }

const cell: React.CSSProperties = {
  textAlign: 'left',
  padding: '0.35rem 0.6rem',
  borderBottom: '1px solid var(--theme-elevation-150)',
}

/** The import form: choose a file, check it (dry run), read the report, then import it. */
export function ImportForm({
  apiRoute,
  collections,
  columns,
  maxBytes,
  batchSize,
}: {
  apiRoute: string
  collections: string[]
  columns: Record<string, string[]>
  maxBytes: number
  batchSize: number
}) {
  const [collection, setCollection] = useState(collections[collections.length - 1] ?? '')
  const [file, setFile] = useState<File | null>(null)
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState<Progress | null>(null)
  const [report, setReport] = useState<Report | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [checked, setChecked] = useState(false)

  async function send(commit: boolean) {
    if (!file) return
    setBusy(true)
    setError(null)
    setProgress(null)
    if (!commit) setReport(null)
    const form = new FormData()
    form.append('file', file)
    const params = new URLSearchParams()
    if (collection) params.set('collection', collection)
    params.set(commit ? 'commit' : 'dryRun', '1')
    try {
      const res = await fetch(`${apiRoute}/import?${params}`, {
        method: 'POST',
        body: form,
        credentials: 'include',
        headers: { Accept: 'application/x-ndjson' },
      })
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as {
          errors?: { message: string }[]
        } | null
        setError(body?.errors?.[0]?.message ?? `The server answered ${res.status}.`)
        return
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
      let buffer = ''
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        buffer += value
        let nl: number
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl)
          buffer = buffer.slice(nl + 1)
          if (!line.trim()) continue
          const msg = JSON.parse(line) as
            | ({ type: 'progress' } & Progress)
            | { type: 'report'; report: Report }
            | { type: 'error'; message: string }
          if (msg.type === 'progress') setProgress(msg)
          else if (msg.type === 'report') {
            setReport(msg.report)
            setChecked(!commit && msg.report.ok)
          } else setError(msg.message)
        }
      }
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div style={{ maxWidth: 960 }}>
      <p>
        Import knowledge products, learning needs, partnerships or organisations from a CSV (UTF-8)
        or Excel (.xlsx) file of up to {Math.round(maxBytes / 1024 / 1024)} MB. The first row holds
        the column names; separate several values in one cell with “;”. Related records are named by
        their name or slug. A record whose slug already exists is updated, never duplicated.
        Formulas are imported as the values Excel saved. First check the file: nothing is written
        until every row is right. The rows are then written in batches of {batchSize}: each batch is
        all-or-nothing, and if one fails, running the same file again (with slugs) completes it
        without duplicates.
      </p>
      <div style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap', alignItems: 'end' }}>
        <label>
          <span style={{ display: 'block' }}>What the file holds</span>
          <select
            id="import-collection"
            value={collection}
            onChange={(e) => {
              setCollection(e.target.value)
              setChecked(false)
            }}
          >
            {collections.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
            <option value="">Workbook: one sheet per collection, named after it</option>
          </select>
        </label>
        <label>
          <span style={{ display: 'block' }}>File (.csv or .xlsx)</span>
          <input
            id="import-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null)
              setChecked(false)
              setReport(null)
            }}
          />
        </label>
        <button
          type="button"
          className="btn btn--style-secondary"
          disabled={!file || busy}
          onClick={() => send(false)}
          id="import-check"
        >
          Check file
        </button>
        <button
          type="button"
          className="btn btn--style-primary"
          disabled={!file || busy || !checked}
          onClick={() => send(true)}
          id="import-commit"
        >
          Import
        </button>
      </div>
      {collection && columns[collection] ? (
        <p style={{ fontSize: '0.85rem', opacity: 0.8 }}>
          Columns: {columns[collection].join(', ')}
        </p>
      ) : null}
      {busy || progress ? (
        <div role="status" aria-live="polite" style={{ margin: '1rem 0' }}>
          {progress ? (
            <>
              <progress value={progress.done} max={progress.total || 1} style={{ width: '100%' }} />
              <div>
                {progress.phase === 'write' ? 'Writing' : 'Checking'} {progress.done} of{' '}
                {progress.total} rows
              </div>
            </>
          ) : (
            'Uploading…'
          )}
        </div>
      ) : null}
      {error ? (
        <p role="alert" style={{ color: 'var(--theme-error-500)' }} id="import-error">
          {error}
        </p>
      ) : null}
      {report ? (
        <section aria-label="Import report" id="import-report">
          <h2 style={{ fontSize: '1.1rem' }}>
            {report.committed
              ? `Imported: ${report.written} row${report.written === 1 ? '' : 's'} written.`
              : report.ok
                ? 'The file is fine: nothing has been written yet. Press “Import” to write it.'
                : `${report.issues.length} problem${report.issues.length === 1 ? '' : 's'}: ${
                    report.written > 0
                      ? `${report.written} row${report.written === 1 ? ' was' : 's were'} written before the failing batch, which was rolled back. Fix the file and import it again to complete it.`
                      : 'nothing was written.'
                  }`}
          </h2>
          <ul>
            {report.sections.map((s) => (
              <li key={s.sheet + s.collection}>
                {s.collection}: {s.rows} rows — {s.create} new, {s.update} to update
              </li>
            ))}
          </ul>
          {report.warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
          {report.issues.length > 0 ? (
            <table style={{ borderCollapse: 'collapse', width: '100%' }}>
              <thead>
                <tr>
                  <th style={cell} scope="col">
                    Row
                  </th>
                  <th style={cell} scope="col">
                    Column
                  </th>
                  <th style={cell} scope="col">
                    Problem
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.issues.map((i, n) => (
                  <tr key={n}>
                    <td style={cell}>
                      {i.sheet ? `${i.sheet} ` : ''}
                      {i.row}
                    </td>
                    <td style={cell}>{i.column ?? ''}</td>
                    <td style={cell}>{i.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}
    </div>
  )
}
