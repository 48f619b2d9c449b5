import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import type { Readable } from 'node:stream';

/** Where image bytes live. A directory by default; an object-store driver implements the same five calls. */
export interface MediaStore {
  put(key: string, bytes: Buffer): Promise<void>;
  /** A stream of the bytes and their size, or null when there is no such key. */
  get(key: string): Promise<{ stream: Readable; size: number } | null>;
  exists(key: string): Promise<boolean>;
  /** Removes the bytes; a key that is not there is no error. */
  delete(key: string): Promise<void>;
  /** The site-relative URL readers fetch it from. */
  url(key: string): string;
}

const KEY = /^[a-z0-9][a-z0-9/_.-]{0,200}$/;

/** A MediaStore on a local directory; keys are checked so no request can escape it. */
export function directoryMediaStore(root: string): MediaStore {
  const pathOf = (key: string): string | null => {
    if (!KEY.test(key) || key.includes('..')) return null;
    const p = normalize(join(root, key));
    return p.startsWith(normalize(root) + sep) ? p : null;
  };
  return {
    async put(key, bytes) {
      const p = pathOf(key);
      if (!p) throw new Error(`invalid media key ${key}`);
      await mkdir(dirname(p), { recursive: true });
      // Write then rename so a reader never sees half a file.
      const tmp = `${p}.${process.pid}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, p);
    },
    async get(key) {
      const p = pathOf(key);
      if (!p) return null;
      try {
        const s = await stat(p);
        if (!s.isFile()) return null;
        return { stream: createReadStream(p), size: s.size };
      } catch {
        return null;
      }
    },
    async exists(key) {
      const p = pathOf(key);
      if (!p) return false;
      return stat(p).then(
        (s) => s.isFile(),
        () => false,
      );
    },
    async delete(key) {
      const p = pathOf(key);
      if (p) await rm(p, { force: true });
    },
    url: (key) => `/media/${key}`,
  };
}
