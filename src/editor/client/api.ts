/** Shapes of the desk API answers the editor reads (see src/media/media.desk.ts and src/editor/related.desk.ts). */
export interface ImageViewJson {
  id: number;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  src: string;
  srcset: { webp: string; jpeg: string };
}

export interface MediaPage {
  images: ImageViewJson[];
  next: string | null;
}

export interface StoryHit {
  id: number;
  headline: string;
  url: string;
  publishedAt: number | null;
}
