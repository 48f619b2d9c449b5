import type { ZodError } from 'zod';
import { AppError } from '../http/errors.js';

/** A source file we cannot read: names the file kind and the exact problem, so an operator can fix it. */
export const badSource = (what: string, problem: string) => new AppError(422, 'bad_import_file', `${what}: ${problem}`);

/** Turns zod issues into "where: what" lines ("db[0].data.posts[3].title: expected string"). */
export function describeIssues(err: ZodError, prefix: string): string {
  return err.issues
    .slice(0, 5)
    .map((i) => {
      const where = [prefix, ...i.path].reduce<string>(
        (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
        '',
      );
      return `${where}: ${i.message}`;
    })
    .join('; ');
}
