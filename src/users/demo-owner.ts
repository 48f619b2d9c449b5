import type { AppDeps } from '../app.deps.js';
import { generatePassword } from '../cli/user.command.js';
import { DESK_SETUP_KEY, insertSetting } from '../settings/settings.repo.js';
import { countUsers } from './user.repo.js';
import { createUser } from './user.service.js';

/**
 * At the demo's first start, creates an owner account with a random password and prints it once.
 * There is never a fixed default password; a later start (users exist) prints nothing.
 */
export async function createDemoOwner(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  print: (line: string) => void,
): Promise<boolean> {
  if ((await countUsers(deps.db)) > 0) return false;
  const password = generatePassword();
  const email = 'owner@demo.broadsheet.test';
  await createUser(deps, { email, name: 'Demo Owner', role: 'owner', password });
  await insertSetting(deps.db, DESK_SETUP_KEY, String(deps.clock()), 'keep');
  print(
    `\n  Desk owner created for the demo — sign in at /desk/login\n` +
      `    email:    ${email}\n` +
      `    password: ${password}\n` +
      `  This password is shown only once. Change it with: npm run broadsheet -- user password --email ${email}\n\n`,
  );
  return true;
}
