import { parseArgs } from 'node:util';
import { formatReport } from '../transfer/import.report.js';
import { importFile } from '../transfer/import.service.js';
import { progressBar } from '../lib/progress.js';
import type { CliCommand } from './command.js';

/**
 * `import <kind> <file> [--media DIR]` for another platform's export: a progress bar on stderr while it runs,
 * the report on stdout at the end. The Ghost and WordPress commands differ only in these words.
 */
export function sourceImportCommand(kind: 'ghost' | 'wordpress', label: string, file: string): CliCommand {
  return {
    name: `import ${kind}`,
    usage: `import ${kind} ${file} [--media DIR]   import a ${label} export (idempotent; old URLs redirect)`,
    async run(args, deps) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { media: { type: 'string' } },
      });
      if (!positionals[0]) throw new Error(`Name the ${label} export file: import ${kind} ${file}`);
      const report = await importFile(deps, kind, positionals[0], {
        mediaDir: values.media,
        onProgress: progressBar(process.stderr, 'Importing'),
      });
      process.stdout.write(`${formatReport(report)}\n`);
    },
  };
}
