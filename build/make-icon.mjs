#!/usr/bin/env node
// Draws build/icon.png (512x512): a footbridge ("passerelle") over a blue rounded square.
// Dependency-free so it runs anywhere: pixels are shaded from distance fields and written
// as an RGBA PNG with node:zlib. Run `node build/make-icon.mjs` after changing it.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;

const clamp = (v) => Math.min(1, Math.max(0, v));
/** Coverage of a shape from its signed distance (negative inside), antialiased over 1px. */
const cover = (distance) => clamp(0.5 - distance);

function roundedSquare(x, y) {
  const half = SIZE / 2 - 16;
  const radius = 96;
  const qx = Math.abs(x - SIZE / 2) - (half - radius);
  const qy = Math.abs(y - SIZE / 2) - (half - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

function segment(x, y, ax, ay, bx, by, width) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = clamp(((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) - width / 2;
}

/** The bridge: an arch, its deck, three hangers and the water line. */
function bridge(x, y) {
  const cx = 256;
  const cy = 360;
  const archRadius = 170;
  const arch = y <= cy ? Math.abs(Math.hypot(x - cx, y - cy) - archRadius) - 13 : Infinity;
  const deck = segment(x, y, 70, 300, 442, 300, 24);
  const hangers = Math.min(
    segment(x, y, 176, 300, 176, 207, 14),
    segment(x, y, 256, 300, 256, 190, 14),
    segment(x, y, 336, 300, 336, 207, 14),
  );
  const water = Math.min(
    segment(x, y, 110, 410, 230, 410, 18),
    segment(x, y, 282, 410, 402, 410, 18),
  );
  return Math.min(arch, deck, hangers, water);
}

const rows = [];
for (let y = 0; y < SIZE; y++) {
  const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
  for (let x = 0; x < SIZE; x++) {
    const t = (x + y) / (2 * SIZE);
    const background = [47 + (27 - 47) * t, 111 + (63 - 111) * t, 223 + (143 - 223) * t];
    const ink = cover(bridge(x + 0.5, y + 0.5));
    const alpha = cover(roundedSquare(x + 0.5, y + 0.5));
    const rgb = background.map((c) => Math.round(c + (255 - c) * ink));
    row.set([...rgb, Math.round(alpha * 255)], 1 + x * 4);
  }
  rows.push(row);
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(join(dirname(fileURLToPath(import.meta.url)), 'icon.png'), png);
