import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { importMembers } from '../members/members-import.service.js';
import { formatReport } from '../transfer/import.report.js';
import { badSource } from '../transfer/import.errors.js';
import type { CliCommand } from './command.js';
import { listNewsletters } from '../newsletters/newsletter.repo.js';

/**
 * `import members <file.csv> --newsletter <slug|id|none> [--format ghost|mailchimp]`: a Ghost members export or a
 * Mailchimp audience export as readers with their choice for one newsletter; the report on stdout (as the site
 * imports write it). Idempotent: the same file again changes nothing.
 */
export const importMembersCommand: CliCommand = {
  name: 'import members',
  usage:
    'import members <file.csv> --newsletter <slug|none> [--format ghost|mailchimp]   import a Ghost or Mailchimp members CSV (idempotent)',
  async run(args, deps) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { newsletter: { type: 'string' }, format: { type: 'string' } },
    });
    const file = positionals[0];
    if (!file) throw new Error('Name the members CSV: import members <file.csv> --newsletter <slug|none>');
    const format = values.format;
    if (format !== undefined && format !== 'ghost' && format !== 'mailchimp')
      throw new Error('--format is ghost or mailchimp (or leave it out to find out from the file)');
    const wanted = values.newsletter;
    const newsletters = await listNewsletters(deps.db);
    if (wanted === undefined)
      throw new Error(
        `Choose the newsletter the members get with --newsletter (${[...newsletters.map((n) => n.slug), 'none'].join(', ')})`,
      );
    const newsletter = newsletters.find((n) => n.slug === wanted || String(n.id) === wanted);
    if (wanted !== 'none' && !newsletter)
      throw new Error(
        `No newsletter "${wanted}" here; choose one of: ${[...newsletters.map((n) => n.slug), 'none'].join(', ')}`,
      );
    const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw badSource(file, e.code === 'ENOENT' ? 'no such file' : e.message);
    });
    const report = await importMembers(deps, text, {
      kind: format,
      newsletterId: newsletter?.id ?? null,
      fileName: basename(file),
    });
    process.stdout.write(`${formatReport(report)}\n`);
  },
};
