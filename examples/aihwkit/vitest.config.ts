import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@analogkit/source'] },
  ssr: { resolve: { conditions: ['@analogkit/source'] } },
  test: {
    name: 'examples',
    include: ['src/**/*.test.ts'],
    pool: 'forks',
  },
});
