import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { badRequest } from '../http/errors.js';
import { nonPublicRange } from '../lib/ip-range.js';

/** Resolves a host name to every address it has (the platform's resolver unless a test brings its own). */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

const systemResolve: ResolveHost = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Where a webhook may send: public addresses only, unless the newsroom allows private ones (WEBHOOKS_ALLOW_PRIVATE). */
export interface TargetPolicy {
  allowPrivate: boolean;
  resolve?: ResolveHost;
}

const HOW_TO_ALLOW = 'webhooks may only reach public addresses (WEBHOOKS_ALLOW_PRIVATE=true allows private ones)';

/** A delivery that was not attempted because its address is not public; its message says why and nothing more. */
export class RefusedTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedTargetError';
  }
}

/** The URL's host as an address or name: WHATWG URL has already turned `2130706433`, `0x7f.1`, `127.1` into dotted form. */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** `localhost` and its subdomains are loopback by definition (RFC 6761), whatever a resolver says. */
const isLocalhostName = (host: string) => /(^|\.)localhost\.?$/i.test(host);

/** Why a host that is an IP address (or `localhost`) may not be a webhook's target; undefined when it may. */
function literalRefusal(host: string): string | undefined {
  if (isLocalhostName(host)) return `${host} is a loopback address`;
  const range = nonPublicRange(host);
  return range && `${host} is ${range}`;
}

/**
 * Refuses, when it is saved, a webhook URL whose host is written as a non-public IP address in any spelling
 * (decimal, hex, octal, short forms, IPv6, IPv4-mapped) or is `localhost`. Names are judged again on the
 * address they resolve to each time a delivery connects (`guardedLookup`).
 */
export function assertWebhookTarget(url: string, policy: TargetPolicy): void {
  if (policy.allowPrivate) return;
  const reason = literalRefusal(hostOf(new URL(url)));
  if (reason) throw badRequest(`Webhook address refused: ${reason}; ${HOW_TO_ALLOW}.`);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request that resolves the host, refuses it if any of its addresses is not public, and
 * hands exactly the checked addresses to the connection (no second resolution a rebinding DNS could answer
 * differently). Node skips `lookup` for an IP-address host: `refusalAtConnect` judges those first.
 */
export function guardedLookup(policy: TargetPolicy) {
  const resolve = policy.resolve ?? systemResolve;
  return (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback) => {
    resolve(hostname)
      .then((found) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const addresses = wanted ? found.filter((a) => a.family === wanted) : found;
        if (addresses.length === 0) {
          const err: NodeJS.ErrnoException = new Error(`${hostname} has no address`);
          err.code = 'ENOTFOUND';
          throw err;
        }
        const range = policy.allowPrivate ? undefined : addresses.map((a) => nonPublicRange(a.address)).find(Boolean);
        if (range) throw new RefusedTargetError(`${hostname} resolves to ${range}; ${HOW_TO_ALLOW}`);
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      })
      .catch((err: NodeJS.ErrnoException) => callback(err, ''));
  };
}

/** Why a delivery to `url` is refused before any name is resolved (an IP-address host, `localhost`); else undefined. */
export function refusalAtConnect(url: URL, policy: TargetPolicy): RefusedTargetError | undefined {
  if (policy.allowPrivate) return undefined;
  const host = hostOf(url);
  if (isIP(host) === 0 && !isLocalhostName(host)) return undefined;
  const reason = literalRefusal(host);
  return reason ? new RefusedTargetError(`${reason}; ${HOW_TO_ALLOW}`) : undefined;
}
