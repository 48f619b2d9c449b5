/** The state of one service the process depends on, as `/healthz` reports it. */
export type ServiceState = 'up' | 'down';

/**
 * The services a process depends on besides its database (Redis for events, when configured), each with a check
 * that says whether it answers now. Whoever opens a connection registers it; `/healthz` asks them all.
 */
export interface HealthChecks {
  add(name: string, check: () => boolean | Promise<boolean>): void;
  remove(name: string): void;
  run(): Promise<Record<string, ServiceState>>;
}

export function createHealthChecks(): HealthChecks {
  const checks = new Map<string, () => boolean | Promise<boolean>>();
  return {
    add: (name, check) => void checks.set(name, check),
    remove: (name) => void checks.delete(name),
    async run() {
      const out: Record<string, ServiceState> = {};
      for (const [name, check] of checks) {
        const ok = await Promise.resolve()
          .then(check)
          .catch(() => false);
        out[name] = ok ? 'up' : 'down';
      }
      return out;
    },
  };
}
