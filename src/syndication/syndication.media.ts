import type { FeedImage } from './syndication.model.js';
import { el, wrap } from '../lib/xml.js';

/** The hero image as Media RSS `media:content` (with its alt text), the same in RSS and Atom. */
export function mediaContent(image: FeedImage): string {
  return wrap('media:content', [el('media:description', image.alt, { type: 'plain' })], {
    url: image.url,
    medium: 'image',
    type: image.type,
    width: image.width,
    height: image.height,
    fileSize: image.length,
  });
}
