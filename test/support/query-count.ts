import type { KyselyPlugin } from 'kysely';
import type { AppDeps } from '../../src/app.deps.js';
import { createLookups } from '../../src/cache/lookups.js';

/** Deps whose query builder counts every query the app sends (a Kysely plugin, so both engines count alike). */
export function countingQueries(deps: AppDeps): { deps: AppDeps; count(): number; reset(): void } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      n++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return {
    // Lookups of their own on the counting handle, so reading sections and settings counts too.
    deps: { ...deps, db: deps.db.withPlugin(plugin), lookups: createLookups(deps.db.withPlugin(plugin), deps.events, deps.media) },
    count: () => n,
    reset: () => {
      n = 0;
    },
  };
}
