#!/usr/bin/env node
// Generates every installer icon from one source image, build/icon.png (1024×1024 RGBA):
//   build/icon.ico            Windows app icon (16…256, PNG-compressed entries)
//   build/icon.icns           macOS app icon (16…1024, PNG entries)
//   build/icons/NxN.png       Linux app icons (hicolor sizes)
//   build/vigie-file.{png,ico,icns}  the icon of .vigie workspace files (a page bearing the app icon)
// Pure JavaScript (PNG through fflate's zlib), no network, deterministic: running it twice gives the
// same bytes, and src-main/electron/packaging.test.ts checks the committed files are up to date.
// Usage: node build/make-icons.mjs [outDir]   (default: build/)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzlibSync, zlibSync } from 'fflate';

const HERE = dirname(fileURLToPath(import.meta.url));

// ---------- PNG ----------
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Decodes an 8-bit RGB or RGBA, non-interlaced PNG to { width, height, data: RGBA Uint8Array }. */
export function decodePng(buf) {
  if (!buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  let off = 8;
  let width = 0, height = 0, colorType = 0;
  const idat = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const body = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      colorType = body[9];
      if (depth !== 8 || (colorType !== 6 && colorType !== 2) || body[12] !== 0) throw new Error('only 8-bit RGB/RGBA non-interlaced PNGs are supported');
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    off += 12 + len;
  }
  const raw = unzlibSync(new Uint8Array(Buffer.concat(idat)));
  const bpp = colorType === 6 ? 4 : 3;
  const stride = width * bpp;
  const px = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? px[y * stride + x - bpp] : 0;
      const b = y > 0 ? px[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? px[(y - 1) * stride + x - bpp] : 0;
      let v = raw[src + x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw new Error(`bad PNG filter ${filter}`);
      px[y * stride + x] = v & 0xff;
    }
  }
  if (bpp === 4) return { width, height, data: px };
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < px.length; i += 3, j += 4) {
    rgba[j] = px[i]; rgba[j + 1] = px[i + 1]; rgba[j + 2] = px[i + 2]; rgba[j + 3] = 255;
  }
  return { width, height, data: rgba };
}

function chunk(type, body) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/** Encodes RGBA pixels as a PNG (Paeth filter on every row: small and deterministic). */
export function encodePng({ width, height, data }) {
  const stride = width * 4;
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 4;
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? data[y * stride + x - 4] : 0;
      const b = y > 0 ? data[(y - 1) * stride + x] : 0;
      const c = x >= 4 && y > 0 ? data[(y - 1) * stride + x - 4] : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      raw[y * (stride + 1) + 1 + x] = (data[y * stride + x] - pred) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', Buffer.from(zlibSync(raw, { level: 9 }))), chunk('IEND', Buffer.alloc(0))]);
}

// ---------- resampling ----------
/** Area-average downscale (exact box coverage) in premultiplied alpha: crisp, no dark fringes. */
export function resize(img, size) {
  const { width: W, height: H, data } = img;
  const out = new Uint8Array(size * size * 4);
  const sx = W / size, sy = H / size;
  for (let oy = 0; oy < size; oy++) {
    const y0 = oy * sy, y1 = y0 + sy;
    for (let ox = 0; ox < size; ox++) {
      const x0 = ox * sx, x1 = x0 + sx;
      let r = 0, g = 0, b = 0, a = 0, area = 0;
      for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
        const wy = Math.min(y + 1, y1) - Math.max(y, y0);
        for (let x = Math.floor(x0); x < Math.ceil(x1); x++) {
          const w = wy * (Math.min(x + 1, x1) - Math.max(x, x0));
          const i = (y * W + x) * 4;
          const al = data[i + 3] / 255;
          r += data[i] * al * w; g += data[i + 1] * al * w; b += data[i + 2] * al * w; a += al * w; area += w;
        }
      }
      const o = (oy * size + ox) * 4;
      const alpha = a / area;
      out[o + 3] = Math.round(alpha * 255);
      if (a > 0) { out[o] = Math.round(r / a); out[o + 1] = Math.round(g / a); out[o + 2] = Math.round(b / a); }
    }
  }
  return { width: size, height: size, data: out };
}

// ---------- the .vigie document icon ----------
/** Signed distance from (x, y) to a convex polygon given clockwise (negative inside). */
function signedDistance(poly, x, y) {
  let inside = true, best = Infinity;
  for (let i = 0; i < poly.length; i++) {
    const [ax, ay] = poly[i], [bx, by] = poly[(i + 1) % poly.length];
    const ex = bx - ax, ey = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * ex + (y - ay) * ey) / (ex * ex + ey * ey)));
    best = Math.min(best, Math.hypot(x - ax - t * ex, y - ay - t * ey));
    if (ex * (y - ay) - ey * (x - ax) < 0) inside = false;
  }
  return inside ? -best : best;
}

/** A white page with a folded corner, bearing the app icon: what a .vigie file looks like in a file manager. */
export function documentIcon(app, size = 1024) {
  const data = new Uint8Array(size * size * 4);
  const s = size / 1024;
  const r = 36 * s, line = 16 * s;
  const left = 176 * s + r, right = 848 * s - r, top = 48 * s + r, bottom = 976 * s - r, fold = 210 * s;
  // The page, shrunk by the corner radius (points within r of it are the page: rounded corners).
  const page = [[left, top], [right - fold, top], [right, top + fold], [right, bottom], [left, bottom]];
  const flap = [[right - fold, top], [right, top + fold], [right - fold, top + fold]];
  const SS = 4; // 4×4 supersampling for smooth edges
  const EDGE = [112, 134, 166], PAPER = [255, 255, 255], FLAP = [214, 224, 238];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let a = 0, cr = 0, cg = 0, cb = 0;
      // Supersample only pixels near an edge (a pixel's centre is within 0.71 px of any of its points).
      const cp = signedDistance(page, x + 0.5, y + 0.5) - r, cf = signedDistance(flap, x + 0.5, y + 0.5) - r * 0.5;
      const near = [cp, cp + line, cf, cf + line].some((d) => Math.abs(d) < 1);
      const n = near ? SS : 1;
      for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
        const px = x + (i + 0.5) / n, py = y + (j + 0.5) / n;
        const dp = signedDistance(page, px, py) - r;
        const df = signedDistance(flap, px, py) - r * 0.5;
        let col = null;
        if (df <= 0) col = df > -line ? EDGE : FLAP;
        else if (dp <= 0) col = dp > -line ? EDGE : PAPER;
        if (col) { a++; cr += col[0]; cg += col[1]; cb += col[2]; }
      }
      if (a === 0) continue;
      const o = (y * size + x) * 4;
      data[o] = Math.round(cr / a); data[o + 1] = Math.round(cg / a); data[o + 2] = Math.round(cb / a); data[o + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  // the app icon, centred on the lower part of the page
  const iconSize = Math.round(560 * s);
  const icon = resize(app, iconSize);
  const ox = Math.round((size - iconSize) / 2), oy = Math.round(330 * s);
  for (let y = 0; y < iconSize; y++) for (let x = 0; x < iconSize; x++) {
    const i = (y * iconSize + x) * 4, o = ((oy + y) * size + ox + x) * 4;
    const al = icon.data[i + 3] / 255;
    if (al === 0) continue;
    const da = data[o + 3] / 255;
    const outA = al + da * (1 - al);
    for (let c = 0; c < 3; c++) data[o + c] = Math.round((icon.data[i + c] * al + data[o + c] * da * (1 - al)) / outA);
    data[o + 3] = Math.round(outA * 255);
  }
  return { width: size, height: size, data };
}

// ---------- containers ----------
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** Windows .ico with PNG-compressed entries (supported since Windows Vista). */
export function makeIco(img) {
  const pngs = ICO_SIZES.map((n) => ({ n, png: encodePng(resize(img, n)) }));
  const head = Buffer.alloc(6 + 16 * pngs.length);
  head.writeUInt16LE(0, 0); head.writeUInt16LE(1, 2); head.writeUInt16LE(pngs.length, 4);
  let offset = head.length;
  pngs.forEach(({ n, png }, k) => {
    const e = 6 + 16 * k;
    head[e] = n >= 256 ? 0 : n; head[e + 1] = n >= 256 ? 0 : n; head[e + 2] = 0; head[e + 3] = 0;
    head.writeUInt16LE(1, e + 4); head.writeUInt16LE(32, e + 6);
    head.writeUInt32LE(png.length, e + 8); head.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([head, ...pngs.map((p) => p.png)]);
}

/** macOS .icns: PNG entries for every size Finder and the Dock ask for (1x and 2x). */
export const ICNS_TYPES = [['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024], ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512]];
export function makeIcns(img) {
  const cache = new Map();
  const entries = ICNS_TYPES.map(([type, n]) => {
    if (!cache.has(n)) cache.set(n, n === img.width ? encodePng(img) : encodePng(resize(img, n)));
    const png = cache.get(n);
    const h = Buffer.alloc(8);
    h.write(type, 0, 'latin1');
    h.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([h, png]);
  });
  const body = Buffer.concat(entries);
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'latin1');
  h.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([h, body]);
}

export const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];

/** Every generated file, as { relativePath: Buffer }. */
export function makeAll(source) {
  const app = decodePng(source);
  if (app.width !== 1024 || app.height !== 1024) throw new Error(`build/icon.png must be 1024×1024 (is ${app.width}×${app.height})`);
  const doc = documentIcon(app);
  const files = { 'icon.ico': makeIco(app), 'icon.icns': makeIcns(app), 'vigie-file.png': encodePng(doc), 'vigie-file.ico': makeIco(doc), 'vigie-file.icns': makeIcns(doc) };
  for (const n of LINUX_SIZES) files[`icons/${n}x${n}.png`] = n === 1024 ? encodePng(app) : encodePng(resize(app, n));
  return files;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? HERE);
  const files = makeAll(readFileSync(join(HERE, 'icon.png')));
  for (const [rel, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(out, rel)), { recursive: true });
    writeFileSync(join(out, rel), bytes);
    console.log(`${rel}\t${bytes.length} bytes`);
  }
}
