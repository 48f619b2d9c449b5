import type { AppDeps } from '../app.deps.js';

/** One operator command of `npm run broadsheet -- <name> …`. */
export interface CliCommand {
  /** The first word(s) after `broadsheet`, e.g. "user create" or "export". */
  name: string;
  /** One line for the help listing, with the arguments it takes. */
  usage: string;
  /** Runs with the remaining arguments and real dependencies; throws to fail with a message. */
  run(args: string[], deps: AppDeps): Promise<void>;
}
