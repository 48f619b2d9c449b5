/** Loaded on the first sign-in or new password (about 12 MB resident): reader-only processes never load it. */
let argon2: Promise<typeof import('@node-rs/argon2')> | null = null;
const loadArgon2 = () => (argon2 ??= import('@node-rs/argon2'));

/** argon2id (algorithm 2 in @node-rs/argon2; its const enum cannot be imported under isolatedModules). */
const ARGON2ID = 2;

/** The shortest password the desk accepts. Length matters more than character classes. */
export const MIN_PASSWORD_LENGTH = 10;

/** Hashes a password with argon2id and a random salt (the library's recommended costs). */
export async function hashPassword(password: string): Promise<string> {
  return (await loadArgon2()).hash(password, { algorithm: ARGON2ID as never });
}

/** Checks a password against a stored hash; a malformed hash is simply "no match". */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await (await loadArgon2()).verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash that matches nothing, verified when the email is unknown so both paths cost the same. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-just-timing');
  return dummyHash;
}
