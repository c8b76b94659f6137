import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inflateSync } from "node:zlib";
import { ICON_DESIGNS, drawIcon, iconFileName, writeIcons } from "../../../scripts/generate-icons";
import { readPngSize } from "../../../scripts/png";

const ASSETS = path.resolve(__dirname, "../../../src/pages/assets");

/** The header and the uncompressed image data of a PNG (compressed bytes differ between zlib versions; pixels do not). */
function pngContent(file: string): Buffer {
  const png = readFileSync(file);
  const parts: Buffer[] = [];
  let header = Buffer.alloc(0);
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("ascii", offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") header = data;
    if (type === "IDAT") parts.push(data);
    offset += 12 + length;
  }
  return Buffer.concat([header, inflateSync(Buffer.concat(parts))]);
}

describe("icons", () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(path.join(os.tmpdir(), "orgtrack-icons-"));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test("the committed icons are exactly what scripts/generate-icons.ts draws", () => {
    const written = writeIcons(out).map((file) => path.basename(file)).sort();
    expect(readdirSync(ASSETS).sort()).toEqual(written);
    for (const name of written) expect({ name, same: pngContent(path.join(ASSETS, name)).equals(pngContent(path.join(out, name))) }).toEqual({ name, same: true });
  });

  test.each(ICON_DESIGNS.flatMap((design) => design.sizes.map((size) => [design.name, size] as const)))("%s-%i.png is %i px square", (name, size) => {
    expect(readPngSize(readFileSync(path.join(ASSETS, iconFileName(name, size))))).toEqual({ width: size, height: size });
  });

  test("a button icon is opaque in its middle and white where the glyph is, transparent in its corner", () => {
    const track = ICON_DESIGNS.find((design) => design.name === "track");
    if (track === undefined) throw new Error("no track icon design");
    const size = 32;
    const pixels = drawIcon(track, size);
    const at = (x: number, y: number): number[] => [...pixels.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
    expect(at(0, 0)[3]).toBeLessThan(64);
    expect(at(4, 16)).toEqual([15, 108, 189, 255]);
    // The check mark's corner (0.43, 0.68 of the icon) is white.
    expect(at(Math.floor(0.43 * size), Math.floor(0.68 * size)).slice(0, 3)).toEqual([255, 255, 255]);
  });

  test("the outline icon is white on transparent", () => {
    const outline = ICON_DESIGNS.find((design) => design.name === "outline");
    if (outline === undefined) throw new Error("no outline icon design");
    const pixels = drawIcon(outline, 32);
    for (let i = 0; i < pixels.length; i += 4) expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual([255, 255, 255]);
    expect(pixels[3]).toBe(0);
  });
});
