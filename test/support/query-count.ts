import type { KyselyPlugin } from 'kysely';
import type { AppDeps } from '../../src/app.deps.js';
import { createLookups } from '../../src/cache/lookups.js';

/**
 * Deps whose query builder counts every query the app runs (a Kysely plugin, so both engines count alike).
 * Counted as results come back, not as queries are built: a query compiled once and run many times
 * (the story page's) counts every time it runs.
 */
export function countingQueries(deps: AppDeps): { deps: AppDeps; count(): number; reset(): void } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      n++;
      return args.result;
    },
  };
  return {
    // Lookups of their own on the counting handle, so reading sections and settings counts too.
    deps: {
      ...deps,
      db: deps.db.withPlugin(plugin),
      lookups: createLookups(deps.db.withPlugin(plugin), deps.events, deps.media),
    },
    count: () => n,
    reset: () => {
      n = 0;
    },
  };
}
