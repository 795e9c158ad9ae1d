/**
 * Draws the two Teams app icons into manifest/ (run: `npx tsx scripts/make-icons.ts`).
 *
 * The glyph: four nodes, one per member state (FR, IT, PT, ES), each linked to every other,
 * the bottom-up multilateral cooperation. color.png is 192x192 on a rounded square in the
 * accent colour; outline.png is 32x32, white on transparent, as Teams requires.
 * Output is deterministic: running it again rewrites identical files. pngjs encodes; this file
 * only draws.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants } from 'node:zlib';
import { PNG } from 'pngjs';

type Rgba = readonly [number, number, number, number];

interface Shape {
  /** Signed distance from (x, y) to the shape's edge, negative inside. */
  distance(x: number, y: number): number;
  color: Rgba;
}

/** Must match `accentColor` in manifest/manifest.template.json. */
export const ACCENT: Rgba = [0x1f, 0x5f, 0x8b, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const LINK: Rgba = [255, 255, 255, 200];
/** One colour per member state node, clockwise from top left. */
const STATE_COLORS: readonly Rgba[] = [
  [0xf2, 0xc1, 0x4e, 255],
  [0xf2, 0x7d, 0x6b, 255],
  [0x5c, 0xc8, 0xb0, 255],
  [0x9d, 0xb8, 0xf5, 255],
];

function circle(cx: number, cy: number, r: number, color: Rgba): Shape {
  return { color, distance: (x, y) => Math.hypot(x - cx, y - cy) - r };
}

function segment(ax: number, ay: number, bx: number, by: number, width: number, color: Rgba): Shape {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  return {
    color,
    distance: (x, y) => {
      const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / lengthSquared));
      return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) - width / 2;
    },
  };
}

function roundedSquare(size: number, radius: number, color: Rgba): Shape {
  const half = size / 2;
  return {
    color,
    distance: (x, y) => {
      const qx = Math.abs(x - half) - (half - radius);
      const qy = Math.abs(y - half) - (half - radius);
      return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
    },
  };
}

/** Paints the shapes in order (later on top), 4x4 supersampled for smooth edges. */
function render(size: number, shapes: readonly Shape[]): PNG {
  const samples = 4;
  // Starts transparent black: pngjs allocates the pixels zeroed.
  const image = new PNG({ width: size, height: size });
  const pixels = image.data;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      // Accumulate premultiplied colour over the sub-samples.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = px + (sx + 0.5) / samples;
          const y = py + (sy + 0.5) / samples;
          let cr = 0;
          let cg = 0;
          let cb = 0;
          let ca = 0;
          for (const shape of shapes) {
            if (shape.distance(x, y) > 0) continue;
            const alpha = shape.color[3] / 255;
            cr = shape.color[0] * alpha + cr * (1 - alpha);
            cg = shape.color[1] * alpha + cg * (1 - alpha);
            cb = shape.color[2] * alpha + cb * (1 - alpha);
            ca = alpha + ca * (1 - alpha);
          }
          r += cr;
          g += cg;
          b += cb;
          a += ca;
        }
      }
      const count = samples * samples;
      const offset = (py * size + px) * 4;
      const alpha = a / count;
      if (alpha > 0) {
        pixels[offset] = Math.round(r / count / alpha);
        pixels[offset + 1] = Math.round(g / count / alpha);
        pixels[offset + 2] = Math.round(b / count / alpha);
        pixels[offset + 3] = Math.round(alpha * 255);
      }
    }
  }
  return image;
}

/** The four corners of a square centred in the icon, clockwise from top left. */
function nodes(size: number, spread: number): Array<[number, number]> {
  const c = size / 2;
  return [
    [c - spread, c - spread],
    [c + spread, c - spread],
    [c + spread, c + spread],
    [c - spread, c + spread],
  ];
}

/** Every pair of nodes: the four sides and the two diagonals. */
function links(points: ReadonlyArray<[number, number]>, width: number, color: Rgba): Shape[] {
  const shapes: Shape[] = [];
  for (let i = 0; i < points.length; i += 1) {
    for (let j = i + 1; j < points.length; j += 1) {
      const [ax, ay] = points[i]!;
      const [bx, by] = points[j]!;
      shapes.push(segment(ax, ay, bx, by, width, color));
    }
  }
  return shapes;
}

export function drawColorIcon(): PNG {
  const size = 192;
  const points = nodes(size, 40);
  return render(size, [
    roundedSquare(size, 40, ACCENT),
    ...links(points, 8, LINK),
    ...points.map(([x, y]) => circle(x, y, 19, WHITE)),
    ...points.map(([x, y], i) => circle(x, y, 12, STATE_COLORS[i]!)),
  ]);
}

export function drawOutlineIcon(): PNG {
  const size = 32;
  const points = nodes(size, 10);
  return render(size, [...links(points, 2, WHITE), ...points.map(([x, y]) => circle(x, y, 4, WHITE))]);
}

/**
 * 8-bit RGBA, for the outline icon's transparency. Flat shapes compress best unfiltered with
 * zlib's default strategy (pngjs defaults to adaptive filters and RLE: three times the bytes).
 */
export function encodeIcon(image: PNG): Buffer {
  return PNG.sync.write(image, { colorType: 6, inputColorType: 6, bitDepth: 8, filterType: 0, deflateLevel: 9, deflateStrategy: constants.Z_DEFAULT_STRATEGY });
}

export function writeIcons(directory: string): string[] {
  const color = join(directory, 'color.png');
  const outline = join(directory, 'outline.png');
  writeFileSync(color, encodeIcon(drawColorIcon()));
  writeFileSync(outline, encodeIcon(drawOutlineIcon()));
  return [color, outline];
}

if (require.main === module) {
  for (const file of writeIcons(join(__dirname, '..', 'manifest'))) console.log(`wrote ${file}`);
}
