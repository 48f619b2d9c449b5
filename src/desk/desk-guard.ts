import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config.js';
import { csrfProtect, requireUser } from '../users/auth.middleware.js';

/** The desk's access checks for the editor's routes: `user` (signed in) for everything, plus `csrf` for changes. */
export interface DeskGuard {
  user: MiddlewareHandler;
  csrf: MiddlewareHandler;
}

/**
 * Every role may use the editor's routes (write drafts with images, pick related stories, preview); what a
 * person may do to a particular story is checked by the story API. Needs the desk's session loader, which
 * the auth routes install for every /desk path ahead of these.
 */
export function deskGuard(config: Pick<Config, 'publicUrl'>): DeskGuard {
  return { user: requireUser(), csrf: csrfProtect(config) };
}
