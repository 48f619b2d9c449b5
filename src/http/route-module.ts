import type { Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';

/** Where a face adds its routes: each domain exports one of these, and createApp (src/http/app.tsx) lists them in order. */
export type RouteModule = (app: Hono, deps: AppDeps) => void;
