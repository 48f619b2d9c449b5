import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../app.deps.js';
import { userByEmail } from '../users/user.repo.js';
import { parseInput } from '../lib/parse-input.js';
import { NewUserSchema, PasswordSchema } from '../users/user.input.js';
import { createUser, setPassword } from '../users/user.service.js';
import type { CliCommand } from './command.js';

/** Reads `--name value` pairs from an argument list. */
export function flags(args: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) throw new Error(`Unexpected argument "${a}".`);
    const eq = a.indexOf('=');
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else {
      const v = args[i + 1];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value.`);
      out.set(a.slice(2), v);
      i++;
    }
  }
  return out;
}

/** A random password for a new account, printed once; 18 bytes of randomness, URL-safe. */
export const generatePassword = () => randomBytes(18).toString('base64url');

/** `user create --email … --role owner [--name …] [--password …]`: prints a generated password once when none is given. */
export const userCreateCommand: CliCommand = {
  name: 'user create',
  usage:
    'user create --email <email> --role <owner|admin|editor|author|contributor> [--name <name>] [--password <password>]',
  async run(args: string[], deps: AppDeps) {
    const f = flags(args);
    const email = f.get('email');
    const role = f.get('role');
    if (!email || !role) throw new Error('user create needs --email and --role.');
    const password = f.get('password') ?? generatePassword();
    const user = await createUser(
      deps,
      parseInput(NewUserSchema, { email, role, name: f.get('name') ?? email.split('@')[0]!, password }),
    );
    process.stdout.write(`Created ${user.role} ${user.email} (id ${user.id}).\n`);
    if (!f.has('password')) process.stdout.write(`Password (shown once, change it after signing in): ${password}\n`);
  },
};

/** `user password --email …`: sets a new random password (printed once) and ends the user's sessions. */
export const userPasswordCommand: CliCommand = {
  name: 'user password',
  usage: 'user password --email <email> [--password <password>]   (resets a password, signs the user out everywhere)',
  async run(args: string[], deps: AppDeps) {
    const f = flags(args);
    const user = await userByEmail(deps.db, f.get('email') ?? '');
    if (!user) throw new Error('No account has that email.');
    const password = f.get('password') ?? generatePassword();
    await setPassword(deps, user.id, parseInput(PasswordSchema, password));
    process.stdout.write(`Password of ${user.email} reset; every session ended.\n`);
    if (!f.has('password')) process.stdout.write(`New password (shown once): ${password}\n`);
  },
};
