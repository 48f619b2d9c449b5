import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError, badRequest } from '../http/errors.js';
import { formBody } from '../http/input.js';
import { MAX_UPLOAD_BYTES } from './image.pipeline.js';
import { parseInput } from '../lib/parse-input.js';
import { type ImageMeta, ImageMetaSchema } from './media.input.js';

/** Room for the form's other fields and multipart boundaries on top of the file itself. */
const FORM_OVERHEAD = 256 * 1024;

/**
 * Refuses an oversized upload while it streams in (or from its Content-Length), before anything is buffered
 * whole. A plain form post whose body the desk's CSRF check has already read is left to the pipeline's own
 * size check (which refuses files over the limit with the same message).
 */
export const uploadLimit = (): MiddlewareHandler => {
  const limit = bodyLimit({
    maxSize: MAX_UPLOAD_BYTES + FORM_OVERHEAD,
    onError: () => {
      throw new AppError(413, 'image_too_large', `Images may be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
    },
  });
  return (c, next) => (c.req.raw.bodyUsed || c.req.raw.body?.locked ? next() : limit(c, next));
};

/** Reads a multipart upload: the `file` field's bytes and its alt text, caption and credit (parsed). */
export async function readUpload(c: Context): Promise<{ bytes: Buffer; meta: ImageMeta }> {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('multipart/form-data'))
    throw new AppError(
      415,
      'unsupported_media_type',
      'Send the image as multipart/form-data with the file in a field named "file".',
    );
  const body = await formBody(c);
  const first = (k: string) => (Array.isArray(body[k]) ? body[k][0] : body[k]);
  const file = first('file');
  if (!(file instanceof File)) throw badRequest('Choose an image file to upload (the "file" field is missing).');
  const text = (k: string) => {
    const v = first(k);
    return typeof v === 'string' ? v : '';
  };
  const meta = parseInput(ImageMetaSchema, { alt: text('alt'), caption: text('caption'), credit: text('credit') });
  return { bytes: Buffer.from(await file.arrayBuffer()), meta };
}
