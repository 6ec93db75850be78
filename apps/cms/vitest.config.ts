import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Hooks that read the process environment (site revalidation) see a complete one.
    env: { PAYLOAD_SECRET: 'vitest-secret-that-is-long-enough-0123456789' },
    exclude: ['test/browser/**'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
})
