import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { withPayload } from '@payloadcms/next/withPayload'

const dirname = path.dirname(fileURLToPath(import.meta.url))

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `pnpm typecheck` (tsc over src, scripts and tests) is the type gate; don't run it twice.
  typescript: { ignoreBuildErrors: true },
  // A self-contained server (`.next/standalone/apps/cms/server.js`) for the Docker image. Tracing
  // starts at the repo root so that workspace packages (@repo/types) and pnpm's store are copied.
  output: 'standalone',
  outputFileTracingRoot: path.resolve(dirname, '../..'),
  // Runtime paths built from env (the SQLite file, uploads) make the tracer copy whole folders;
  // the server needs none of these.
  outputFileTracingExcludes: {
    '*': ['./data/**', './test/**', './test-results/**', './.turbo/**', '**/*.test.ts'],
  },
  async redirects() {
    return [{ source: '/', destination: '/admin', permanent: false }]
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
