import type { AppDeps } from '../app.deps.js';

/**
 * Sends every purge to PURGE_WEBHOOK_URL as `POST {"keys": [...], "source": "broadsheet"}` (JSON), so a CDN
 * (or a small relay in front of its purge-by-tag API) drops the same pages. The keys also go in an
 * `xkey-purge` header (space-separated), which is all Varnish reads: deploy/varnish/broadsheet.vcl purges by it
 * with the xkey vmod, so the hook's URL can be the Varnish itself. Fire and forget: a slow or failing hook is
 * logged and never holds up a publish.
 */
export function wirePurgeWebhook(deps: Pick<AppDeps, 'cache' | 'config' | 'log'>): void {
  const url = deps.config.purgeWebhookUrl;
  if (!url) return;
  deps.cache.onPurge((keys) => {
    fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'xkey-purge': keys.join(' ') },
      body: JSON.stringify({ keys, source: 'broadsheet' }),
      signal: AbortSignal.timeout(10_000),
    })
      .then((res) => {
        if (!res.ok) deps.log({ msg: 'purge webhook refused', level: 'warn', status: res.status, keys: keys.length });
        return res.body?.cancel();
      })
      .catch((err) => deps.log({ msg: 'purge webhook failed', level: 'warn', error: String(err), keys: keys.length }));
  });
}
