import { placePendingMedia } from '../transfer/pending-media.service.js';
import type { CliCommand } from './command.js';

/** `import media <dir>`: places the images an import left pending, from a folder that now has their files. */
export const importMediaCommand: CliCommand = {
  name: 'import media',
  usage:
    'import media <dir>   place images an import left pending (source URLs kept) from a folder holding their files',
  async run(args, deps) {
    const dir = args[0];
    if (!dir) throw new Error('Name the folder with the downloaded images: import media <dir>');
    const r = await placePendingMedia(deps, dir);
    process.stdout.write(`Placed ${r.placed} pending image use(s); ${r.left} still pending.\n`);
  },
};
