import path from 'node:path'
import { fileURLToPath } from 'node:url'

const dirname = path.dirname(fileURLToPath(import.meta.url))

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The proxy (src/proxy.ts) redirects `/path/` to `/path` with a correctly encoded query.
  skipTrailingSlashRedirect: true,
  // `pnpm typecheck` is the type gate; don't run tsc twice.
  typescript: { ignoreBuildErrors: true },
  // A self-contained server (`.next/standalone/apps/site/server.js`) for the Docker image. Tracing
  // starts at the repo root so that workspace packages (@repo/types) and pnpm's store are copied.
  output: 'standalone',
  outputFileTracingRoot: path.resolve(dirname, '../..'),
  // The site renders no next/image: keep Next's image optimiser (sharp, libvips) out of the
  // standalone server and so out of the image.
  images: { unoptimized: true },
  outputFileTracingExcludes: {
    // Relative to this folder; pnpm keeps the packages in the repo root's virtual store.
    '*': ['../../node_modules/.pnpm/sharp@*/**', '../../node_modules/.pnpm/@img+*/**'],
  },

  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'SAMEORIGIN' },
        ],
      },
    ]
  },
}

export default nextConfig
