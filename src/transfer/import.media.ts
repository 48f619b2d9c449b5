import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import type { MediaStore } from '../media/media.store.js';
import { type ProcessedImage, processImage } from '../media/image.pipeline.js';

/** Where an export keeps uploads: Ghost's /content/images/ (and its resized copies), WordPress's /wp-content/uploads/. */
const UPLOAD_ROOTS = [/\/content\/images\/(?:size\/w\d+\/)?(.+)$/, /\/wp-content\/uploads\/(.+)$/];

/** Relative paths under --media DIR where the file behind an image URL may be, most specific first. */
export function mediaCandidates(src: string): string[] {
  let path: string;
  try {
    path = decodeURIComponent(
      new URL(src.replace(/^__GHOST_URL__/, 'https://ghost.invalid'), 'https://source.invalid').pathname,
    );
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const re of UPLOAD_ROOTS) {
    const m = re.exec(path);
    if (m) out.push(m[1]!);
  }
  out.push(path.replace(/^\/+/, ''), basename(path));
  return [...new Set(out.filter(Boolean))];
}

/** The file under `dir` for an image URL, or null; paths that would leave `dir` are never followed. */
export async function findLocalMedia(dir: string, src: string): Promise<string | null> {
  const root = resolve(dir);
  for (const rel of mediaCandidates(src)) {
    const p = resolve(join(root, rel));
    if (!p.startsWith(root + sep)) continue;
    if (
      await stat(p).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return p;
  }
  return null;
}

export interface MediaResult {
  processed: Map<string, ProcessedImage>;
  /** src → why it could not be imported now (kept as pending media). */
  pending: Map<string, string>;
}

/**
 * Imports every image found in the local media folder through the one image pipeline (responsive variants);
 * the rest stay pending with the reason. Files are content-addressed, so a re-run rewrites the same keys.
 */
export async function importMedia(
  store: MediaStore,
  srcs: readonly string[],
  dir: string | undefined,
  concurrency = 4,
): Promise<MediaResult> {
  const processed = new Map<string, ProcessedImage>();
  const pending = new Map<string, string>();
  const queue = [...new Set(srcs)];
  const worker = async () => {
    for (let src = queue.shift(); src !== undefined; src = queue.shift()) {
      const file = dir ? await findLocalMedia(dir, src) : null;
      if (!file) {
        pending.set(src, dir ? 'not found in the media folder' : 'remote image (no --media folder given)');
        continue;
      }
      try {
        processed.set(src, await processImage(store, await readFile(file)));
      } catch (e) {
        pending.set(src, `unreadable image: ${(e as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { processed, pending };
}
