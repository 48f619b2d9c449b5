import { xmlEscape } from '../lib/xml.js';
import { loadSharp } from '../media/sharp.js';

/** Size of the generated square logo: Google asks for at least 112×112; feeds' icons want 512. */
export const LOGO_SIZE = 512;

/** The logo's square colour: also the web manifest's theme colour. */
const BRAND_COLOUR = '#1d3557';

/** The newsroom's initial for its monogram: "The Broadsheet Dispatch" → B (a leading article makes a poor one). */
function monogram(name: string): string {
  return [...name.trim().replace(/^the\s+/i, '')][0]?.toUpperCase() ?? 'B';
}

/**
 * Draws the initial on a dark square as a PNG of `size` pixels, from vector each time (a crisp 16 px favicon, not
 * a blurred 512). `rounded: false` fills the square: iOS paints transparent corners of a touch icon black and
 * rounds the icon itself.
 */
async function drawMonogram(name: string, size: number, rounded = true): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${LOGO_SIZE} ${LOGO_SIZE}">
<rect width="100%" height="100%" rx="${rounded ? 64 : 0}" fill="${BRAND_COLOUR}"/>
<text x="50%" y="54%" text-anchor="middle" dominant-baseline="middle" font-family="DejaVu Serif, serif" font-weight="bold"
 font-size="340" fill="#f1faee">${xmlEscape(monogram(name))}</text>
</svg>`;
  const sharp = await loadSharp();
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Sizes inside /favicon.ico: tabs, taskbars and shortcuts pick the one they need. */
const FAVICON_SIZES = [16, 32, 48];

/**
 * An ICO file whose images are PNGs (every browser since IE Vista reads them): a 6-byte header, a 16-byte entry per
 * image (its size, 32-bit colour, byte length and offset), then the PNGs as they are.
 */
function icoOfPngs(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at); // width (0 means 256)
    header.writeUInt8(size >= 256 ? 0 : size, at + 1); // height
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

/** Everything the newsroom's monogram is served as: publisher logo, favicon, touch icon, manifest icon. */
export interface BrandIcons {
  /** 512×512 PNG: structured data's publisher logo, feeds' icon and the manifest's large icon. */
  logo: Buffer;
  /** 192×192 PNG: the manifest's home-screen icon. */
  icon192: Buffer;
  /** 180×180 PNG with square corners: iOS's home-screen icon. */
  appleTouch: Buffer;
  /** ICO with 16, 32 and 48 px PNGs. */
  favicon: Buffer;
}

/** Draws every icon of the newsroom from its name, on this machine. */
export async function renderIcons(name: string): Promise<BrandIcons> {
  const [logo, icon192, appleTouch, small] = await Promise.all([
    drawMonogram(name, LOGO_SIZE),
    drawMonogram(name, 192),
    drawMonogram(name, 180, false),
    Promise.all(FAVICON_SIZES.map(async (size) => ({ size, png: await drawMonogram(name, size) }))),
  ]);
  return { logo, icon192, appleTouch, favicon: icoOfPngs(small) };
}

/** The web app manifest (`/site.webmanifest`): how a browser names and draws the newsroom when it is installed. */
export function webManifest(settings: { name: string; description: string; language: string }): string {
  // Launchers cut names near 12 characters: drop a leading article, then keep the first word if still too long.
  const bare = settings.name.trim().replace(/^the\s+/i, '');
  const shortName = bare.length <= 12 ? bare : (bare.split(/\s+/)[0] ?? bare);
  return JSON.stringify({
    name: settings.name,
    short_name: shortName,
    description: settings.description,
    lang: settings.language,
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: BRAND_COLOUR,
    background_color: '#ffffff',
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/brand/logo.png', sizes: `${LOGO_SIZE}x${LOGO_SIZE}`, type: 'image/png' },
    ],
  });
}
