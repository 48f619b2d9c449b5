import { parseArgs } from 'node:util';
import { badRequest } from '../http/errors.js';
import { parseInput } from '../lib/parse-input.js';
import { WEBHOOK_EVENTS, WebhookSchema } from '../webhooks/webhook.input.js';
import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  setWebhookActive,
} from '../webhooks/webhook.service.js';
import type { CliCommand } from './command.js';

const out = (line: string) => process.stdout.write(`${line}\n`);

function idArg(args: string[]): number {
  const id = Number(args[0]);
  if (!Number.isSafeInteger(id) || id < 1) throw badRequest('Give the webhook id (see `webhook list`).');
  return id;
}

/** `webhook …`: add, list, enable, disable and remove webhooks, and read the delivery log. */
export const webhookCommands: CliCommand[] = [
  {
    name: 'webhook add',
    usage: `webhook add <url> [--events ${WEBHOOK_EVENTS.join(',')}] [--secret <at least 16 characters>]`,
    async run(args, deps) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { events: { type: 'string' }, secret: { type: 'string' } },
      });
      const input = {
        url: positionals[0] ?? '',
        events: values.events ? values.events.split(',').map((e) => e.trim()) : undefined,
        secret: values.secret,
      };
      const hook = await createWebhook(deps, parseInput(WebhookSchema, input, 'option'));
      out(`webhook ${hook.id} → ${hook.url} (${hook.events.join(', ')})`);
      out(`secret: ${hook.secret}`);
      out('Receivers check X-Broadsheet-Signature: sha256=<hex HMAC-SHA256 of the raw body with this secret>.');
    },
  },
  {
    name: 'webhook list',
    usage: 'webhook list',
    async run(_args, deps) {
      const hooks = await listWebhooks(deps.db);
      if (hooks.length === 0) out('No webhooks.');
      for (const h of hooks)
        out(`${h.id}\t${h.active ? 'active' : 'off'}\t${h.url}\t${h.events.join(',')}\tsecret ${h.secretHint}`);
    },
  },
  {
    name: 'webhook enable',
    usage: 'webhook enable <id>',
    async run(args, deps) {
      await setWebhookActive(deps, idArg(args), true);
      out('enabled');
    },
  },
  {
    name: 'webhook disable',
    usage: 'webhook disable <id>',
    async run(args, deps) {
      await setWebhookActive(deps, idArg(args), false);
      out('disabled');
    },
  },
  {
    name: 'webhook remove',
    usage: 'webhook remove <id>',
    async run(args, deps) {
      await deleteWebhook(deps.db, idArg(args));
      out('removed');
    },
  },
  {
    name: 'webhook deliveries',
    usage: 'webhook deliveries [<webhook id>]   (newest 50, with every attempt)',
    async run(args, deps) {
      const ds = await listDeliveries(deps.db, { webhookId: args[0] ? idArg(args) : undefined });
      if (ds.length === 0) out('No deliveries.');
      for (const d of ds) {
        out(
          `#${d.id} webhook ${d.webhookId} ${d.event} — ${d.status}, ${d.attempts} attempt(s), created ${new Date(d.createdAt).toISOString()}`,
        );
        for (const a of d.log)
          out(
            `   try ${a.attempt}: ${a.statusCode ?? '—'} in ${a.durationMs} ms${a.error ? ` (${a.error})` : ''} at ${new Date(a.at).toISOString()}`,
          );
      }
    },
  },
];
