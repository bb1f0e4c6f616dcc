import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // One graphql module for every package (Pothos, Apollo): two copies break instanceof checks.
    alias: [
      {
        find: /^graphql$/,
        replacement: fileURLToPath(
          import.meta.resolve('graphql/index.js', import.meta.resolve('./shared/package.json')),
        ),
      },
    ],
  },
  test: {
    include: [
      'shared/test/**/*.test.ts',
      'subgraphs/*/test/**/*.test.ts',
      'gateway/test/**/*.test.ts',
      'tests/test/**/*.test.ts',
    ],
    // Tests count on the hand-written demo data alone; the year of generated history is for people.
    env: { LOG_LEVEL: 'silent', APOLLO_TELEMETRY_DISABLED: '1', DUTY_DEMO_HISTORY: '0' },
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
