// A plain object rather than `defineConfig` from 'vitest/config': vitest is a test-only
// package (test/package.json, installed in test/node_modules), which a file at the root
// cannot import. Run one file with `test/node_modules/.bin/vitest run test/math/math.test.ts`.
export default {
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
};
