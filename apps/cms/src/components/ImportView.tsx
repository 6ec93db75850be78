import { IMPORT_COLLECTIONS, importColumns } from '@repo/types/import'
import type { AdminViewServerProps } from 'payload'
import React from 'react'

import { isRole } from '../access/roles'
import { IMPORT_BATCH_ROWS, IMPORT_MAX_BYTES } from '../import/parse'
import { AdminPage } from './AdminPage'
import { ImportForm } from './ImportForm'

/** `/admin/import`: bulk import of CSV / XLSX files, editors and admins only. */
export function ImportView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const allowed = isRole(req.user, 'admin', 'editor')
  const columns = Object.fromEntries(IMPORT_COLLECTIONS.map((c) => [c, importColumns(c)]))
  return (
    <AdminPage props={props}>
      <h1 style={{ margin: '1.5rem 0 0.5rem' }}>Bulk import</h1>
      {allowed ? (
        <ImportForm
          apiRoute={`${req.payload.config.serverURL ?? ''}${req.payload.config.routes.api}`}
          collections={[...IMPORT_COLLECTIONS]}
          columns={columns}
          maxBytes={IMPORT_MAX_BYTES}
          batchSize={IMPORT_BATCH_ROWS}
        />
      ) : (
        <p>Only editors and admins may import.</p>
      )}
    </AdminPage>
  )
}

export default ImportView
