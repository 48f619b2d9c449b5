import { loadSharp } from '../media/sharp.js';
import type { Random } from './random.js';

const PALETTES = [
  ['#1d3557', '#457b9d', '#a8dadc', '#f1faee'],
  ['#264653', '#2a9d8f', '#e9c46a', '#f4a261'],
  ['#3d405b', '#81b29a', '#f2cc8f', '#e07a5f'],
  ['#22223b', '#4a4e69', '#9a8c98', '#f2e9e4'],
  ['#283618', '#606c38', '#dda15e', '#bc6c25'],
  ['#0b132b', '#1c2541', '#3a506b', '#5bc0be'],
];

/** Generates an abstract "photograph" (sky, hills, buildings, sun) as a JPEG: demo images made on this machine. */
export async function generateLandscape(r: Random, width = 1600, height = 900): Promise<Buffer> {
  const p = r.pick(PALETTES);
  const hills = Array.from({ length: 3 }, (_, i) => {
    const y = height * (0.55 + i * 0.12);
    const pts = Array.from({ length: 9 }, (_, k) => `${(k * width) / 8},${y - r.int(0, height * 0.15)}`).join(' ');
    return `<polygon points="0,${height} ${pts} ${width},${height}" fill="${p[(i + 1) % 4]}" opacity="${0.75 + i * 0.08}"/>`;
  }).join('');
  const buildings = Array.from({ length: r.int(6, 14) }, () => {
    const w = r.int(40, 120);
    const h = r.int(80, 320);
    const x = r.int(0, width - w);
    return `<rect x="${x}" y="${height * 0.78 - h}" width="${w}" height="${h}" fill="${p[0]}" opacity="0.85"/>`;
  }).join('');
  const sun = `<circle cx="${r.int(100, width - 100)}" cy="${r.int(80, height * 0.4)}" r="${r.int(40, 110)}" fill="#fff" opacity="0.7"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p[3]}"/><stop offset="1" stop-color="${p[2]}"/></linearGradient></defs>
<rect width="100%" height="100%" fill="url(#s)"/>${sun}
${hills}${buildings}</svg>`;
  const sharp = await loadSharp();
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
}

/** Generates a square avatar with the person's initials. */
export async function generateAvatar(r: Random, name: string, size = 400): Promise<Buffer> {
  const p = r.pick(PALETTES);
  const initials = name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
<rect width="100%" height="100%" fill="${p[1]}"/><circle cx="${size / 2}" cy="${size * 1.05}" r="${size * 0.48}" fill="${p[0]}"/>
<circle cx="${size / 2}" cy="${size * 0.4}" r="${size * 0.2}" fill="${p[3]}"/>
<text x="50%" y="${size * 0.47}" font-family="sans-serif" font-size="${size * 0.16}" font-weight="700" fill="${p[0]}"
 text-anchor="middle">${initials}</text></svg>`;
  const sharp = await loadSharp();
  return sharp(Buffer.from(svg)).png().toBuffer();
}
