import { z } from 'zod';

/**
 * An email address as readers type it: trimmed, lower-cased (stored that way: one account per address), at most
 * 254 characters, one @ with something on each side and a dot in the domain, no spaces or angle brackets.
 */
export const ReaderEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'input.emailAddress')
  .regex(/^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/, 'input.emailAddress');

/** The address as stored (for code that has a string already checked elsewhere). */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();
