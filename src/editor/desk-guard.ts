import type { MiddlewareHandler } from 'hono';

/** The desk's access checks for a group of routes: `read` for GETs, `write` (sign-in + CSRF) for changes. */
export interface DeskGuard {
  read: MiddlewareHandler;
  write: MiddlewareHandler;
}

/** Placeholder until the desk's auth middleware lands: lets every request through. */
export function deskGuard(): DeskGuard {
  const pass: MiddlewareHandler = (_c, next) => next();
  return { read: pass, write: pass };
}
