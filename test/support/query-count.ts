import type { KyselyPlugin } from 'kysely';
import type { AppDeps } from '../../src/app.deps.js';
import { createLookups } from '../../src/cache/lookups.js';

/**
 * Deps whose query builder counts every query the app runs (a Kysely plugin, so both engines count alike).
 * Counted as results come back, not as queries are built: a query compiled once and run many times
 * (the story page's) counts every time it runs.
 */
export function countingQueries(deps: AppDeps): {
  deps: AppDeps;
  count(): number;
  /** What each query was, in order: its kind and first table ("SelectQueryNode stories"), without values. */
  shapes(): string[];
  reset(): void;
} {
  let n = 0;
  let shapes: string[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      shapes.push(`${args.node.kind} ${tableOf(args.node)}`);
      return args.node;
    },
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
    shapes: () => [...shapes],
    reset: () => {
      n = 0;
      shapes = [];
    },
  };
}

/** The first table a query names (FROM, INTO, UPDATE or DELETE FROM), for telling queries apart without values. */
function tableOf(node: unknown): string {
  const n = node as {
    from?: { froms?: { table?: { identifier?: { name?: string } } }[] };
    into?: { table?: { identifier?: { name?: string } } };
    table?: { table?: { identifier?: { name?: string } } };
  };
  return (
    n.from?.froms?.[0]?.table?.identifier?.name ??
    n.into?.table?.identifier?.name ??
    n.table?.table?.identifier?.name ??
    ''
  );
}
