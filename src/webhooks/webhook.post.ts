import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type TargetPolicy, guardedLookup, refusalAtConnect } from './webhook.target.js';

/**
 * POSTs `body` to a webhook's URL and resolves with the status code once the answer has been read (and
 * dropped). Redirects are never followed. The connection goes only to addresses the target policy allows,
 * judged on the resolved address as it connects; a refused target rejects with `RefusedTargetError` before
 * anything is sent, so a refusal looks the same whether or not something listens there.
 */
export function postWebhook(
  url: string,
  o: { body: string; headers: Record<string, string>; timeoutMs: number; policy: TargetPolicy },
): Promise<number> {
  const target = new URL(url);
  const refused = refusalAtConnect(target, o.policy);
  if (refused) return Promise.reject(refused);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        headers: { ...o.headers, 'Content-Length': String(Buffer.byteLength(o.body)) },
        lookup: guardedLookup(o.policy),
        agent: false,
        signal: AbortSignal.timeout(o.timeoutMs),
      },
      (res) => {
        res.on('error', reject);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.resume();
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}
