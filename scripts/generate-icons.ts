/**
 * Draws OrgTrack's icons with Node alone (no image tools) and writes them to src/pages/assets/:
 * the add-in icon (a ring with an orbiting dot: organizations around the mailbox) and the Track
 * (check mark) and Untrack (cross) button icons, at the sizes manifest.xml declares. Shapes are
 * signed-distance functions sampled 4 × 4 per pixel, so small sizes stay smooth. The PNGs are
 * committed; run this again only to change the design:
 *
 *   npx tsx scripts/generate-icons.ts [--out <dir>]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { encodePng } from "./png";

type Rgb = readonly [number, number, number];
/** A shape as a signed distance in icon units (0..1 across the icon): negative inside. */
type Shape = (x: number, y: number) => number;

/** One icon design: background colour (none: a white glyph on transparent, the unified manifest's outline icon) and the white glyph on it. */
export interface IconDesign {
  name: string;
  background: Rgb | null;
  glyph: Shape;
  sizes: readonly number[];
}

const BRAND: Rgb = [15, 108, 189];
const NEUTRAL: Rgb = [97, 97, 97];
const WHITE: Rgb = [255, 255, 255];

const roundedSquare =
  (margin: number, radius: number): Shape =>
  (x, y) => {
    const half = 0.5 - margin - radius;
    const dx = Math.max(Math.abs(x - 0.5) - half, 0);
    const dy = Math.max(Math.abs(y - 0.5) - half, 0);
    return Math.hypot(dx, dy) - radius;
  };

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r;

const ring =
  (cx: number, cy: number, r: number, width: number): Shape =>
  (x, y) =>
    Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2;

const segment =
  (ax: number, ay: number, bx: number, by: number, width: number): Shape =>
  (x, y) => {
    const px = x - ax;
    const py = y - ay;
    const vx = bx - ax;
    const vy = by - ay;
    const t = Math.max(0, Math.min(1, (px * vx + py * vy) / (vx * vx + vy * vy)));
    return Math.hypot(px - t * vx, py - t * vy) - width / 2;
  };

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    Math.min(...shapes.map((shape) => shape(x, y)));

const APP_GLYPH = union(ring(0.5, 0.5, 0.25, 0.085), circle(0.5 + 0.25 * Math.SQRT1_2, 0.5 - 0.25 * Math.SQRT1_2, 0.085), circle(0.5, 0.5, 0.075));

/** The icons manifest.xml uses, and the two the unified manifest wants (color 192 px, outline 32 px). */
export const ICON_DESIGNS: readonly IconDesign[] = [
  { name: "icon", background: BRAND, glyph: APP_GLYPH, sizes: [16, 32, 64, 80, 128] },
  { name: "color", background: BRAND, glyph: APP_GLYPH, sizes: [192] },
  { name: "outline", background: null, glyph: APP_GLYPH, sizes: [32] },
  { name: "track", background: BRAND, glyph: union(segment(0.27, 0.52, 0.43, 0.68, 0.11), segment(0.43, 0.68, 0.74, 0.35, 0.11)), sizes: [16, 32, 80] },
  { name: "untrack", background: NEUTRAL, glyph: union(segment(0.33, 0.33, 0.67, 0.67, 0.11), segment(0.67, 0.33, 0.33, 0.67, 0.11)), sizes: [16, 32, 80] },
];

const SAMPLES = 4;

/** Returns the RGBA pixels of a design at a size (transparent outside the rounded square). */
export function drawIcon(design: IconDesign, size: number): Uint8Array {
  const background = roundedSquare(size <= 16 ? 0 : 0.03, 0.2);
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let inBackground = 0;
      let inGlyph = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          if (design.background === null) {
            if (design.glyph(x, y) <= 0) inGlyph++;
          } else if (background(x, y) <= 0) {
            inBackground++;
            if (design.glyph(x, y) <= 0) inGlyph++;
          }
        }
      }
      const offset = (py * size + px) * 4;
      const fill = design.background;
      if (fill === null) {
        pixels.set(WHITE, offset);
        pixels[offset + 3] = Math.round((inGlyph / (SAMPLES * SAMPLES)) * 255);
        continue;
      }
      const glyphShare = inBackground === 0 ? 0 : inGlyph / inBackground;
      for (let c = 0; c < 3; c++) pixels[offset + c] = Math.round(fill[c]! * (1 - glyphShare) + WHITE[c]! * glyphShare);
      pixels[offset + 3] = Math.round((inBackground / (SAMPLES * SAMPLES)) * 255);
    }
  }
  return pixels;
}

/** Returns the file name of an icon: `<name>-<size>.png`. */
export function iconFileName(name: string, size: number): string {
  return `${name}-${size}.png`;
}

/** Writes every icon into `dir` and returns the paths written. Throws what the file system throws. */
export function writeIcons(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const design of ICON_DESIGNS) {
    for (const size of design.sizes) {
      const file = path.join(dir, iconFileName(design.name, size));
      writeFileSync(file, encodePng(size, size, drawIcon(design, size)));
      written.push(file);
    }
  }
  return written;
}

if (require.main === module) {
  const { values } = parseArgs({ options: { out: { type: "string", default: path.resolve(__dirname, "..", "src", "pages", "assets") } } });
  for (const file of writeIcons(values.out)) console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
