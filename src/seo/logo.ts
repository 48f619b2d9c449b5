import { xmlEscape } from '../lib/xml.js';
import { loadSharp } from '../media/sharp.js';

/** Size of the generated square logo: Google asks for at least 112×112; feeds' icons want 512. */
export const LOGO_SIZE = 512;

/** Draws the newsroom's logo (its initial on a dark square) as a PNG, on this machine. */
export async function renderLogo(name: string): Promise<Buffer> {
  // "The Broadsheet Dispatch" → B: a leading article makes a poor monogram.
  const initial = [...name.trim().replace(/^the\s+/i, '')][0]?.toUpperCase() ?? 'B';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${LOGO_SIZE}" height="${LOGO_SIZE}">
<rect width="100%" height="100%" rx="64" fill="#1d3557"/>
<text x="50%" y="54%" text-anchor="middle" dominant-baseline="middle" font-family="DejaVu Serif, serif" font-weight="bold" font-size="340" fill="#f1faee">${xmlEscape(initial)}</text>
</svg>`;
  const sharp = await loadSharp();
  return sharp(Buffer.from(svg)).png().toBuffer();
}
