/**
 * Draws Switchboard's icon — a rounded square with two connected nodes, like two jacks joined by a
 * patch cord — and writes it as build/icon.svg and build/icon.png (512x512, what electron-builder
 * turns into every platform's icon). Both come from the same shapes below, so they always match.
 * The PNG is rasterised here with signed distance functions (for anti-aliased edges) and encoded
 * with node:zlib, so no image library is needed. Run: `node build/make-icon.ts`.
 */
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 512;
type Rgb = [number, number, number];

const TILE = { inset: 32, radius: 104 };
const TOP: Rgb = [0x25, 0x63, 0xeb];
const BOTTOM: Rgb = [0x1e, 0x3a, 0x8a];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const NODES = [
  { x: 176, y: 336 },
  { x: 336, y: 176 },
] as const;
const NODE_RADIUS = 60;
const SOCKET_RADIUS = 24;
const CORD_WIDTH = 30;

const hex = (c: Rgb) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

function svg(): string {
  const [a, b] = NODES;
  const side = SIZE - 2 * TILE.inset;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${hex(TOP)}"/>
      <stop offset="1" stop-color="${hex(BOTTOM)}"/>
    </linearGradient>
  </defs>
  <rect x="${TILE.inset}" y="${TILE.inset}" width="${side}" height="${side}" rx="${TILE.radius}" fill="url(#tile)"/>
  <line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" stroke="${hex(WHITE)}" stroke-width="${CORD_WIDTH}" stroke-linecap="round"/>
${NODES.map((n) => `  <circle cx="${n.x}" cy="${n.y}" r="${NODE_RADIUS}" fill="${hex(WHITE)}"/>\n  <circle cx="${n.x}" cy="${n.y}" r="${SOCKET_RADIUS}" fill="${hex(BOTTOM)}"/>`).join('\n')}
</svg>
`;
}

// Signed distances (negative inside), in pixels.
function roundedSquare(x: number, y: number): number {
  const half = SIZE / 2 - TILE.inset;
  const qx = Math.abs(x - SIZE / 2) - (half - TILE.radius);
  const qy = Math.abs(y - SIZE / 2) - (half - TILE.radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - TILE.radius;
}
const circle = (x: number, y: number, cx: number, cy: number, r: number) => Math.hypot(x - cx, y - cy) - r;
function segment(x: number, y: number, width: number): number {
  const [a, b] = NODES;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (a.x + t * dx), y - (a.y + t * dy)) - width / 2;
}

/** How much of the pixel a shape covers, from its distance at the pixel's centre. */
const coverage = (distance: number) => Math.max(0, Math.min(1, 0.5 - distance));
const mix = (under: Rgb, over: Rgb, alpha: number): Rgb => under.map((u, i) => u + (over[i]! - u) * alpha) as Rgb;

function pixel(px: number, py: number): [number, number, number, number] {
  const x = px + 0.5;
  const y = py + 0.5;
  const tileAlpha = coverage(roundedSquare(x, y));
  if (tileAlpha === 0) return [0, 0, 0, 0];
  const t = (y - TILE.inset) / (SIZE - 2 * TILE.inset);
  const background = mix(TOP, BOTTOM, Math.max(0, Math.min(1, t)));
  const nodeDistance = Math.min(...NODES.map((n) => circle(x, y, n.x, n.y, NODE_RADIUS)));
  const socketDistance = Math.min(...NODES.map((n) => circle(x, y, n.x, n.y, SOCKET_RADIUS)));
  let color = mix(background, WHITE, coverage(Math.min(segment(x, y, CORD_WIDTH), nodeDistance)));
  color = mix(color, BOTTOM, coverage(socketDistance));
  return [...color.map(Math.round), Math.round(tileAlpha * 255)] as [number, number, number, number];
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png(): Buffer {
  const stride = SIZE * 4 + 1;
  const raw = Buffer.alloc(stride * SIZE);
  for (let y = 0; y < SIZE; y++) {
    raw[y * stride] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) raw.set(pixel(x, y), y * stride + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

writeFileSync(new URL('./icon.svg', import.meta.url), svg());
writeFileSync(new URL('./icon.png', import.meta.url), png());
