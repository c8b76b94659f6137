import { inflateSync } from "node:zlib";
import { encodePng, readPngSize } from "../../../scripts/png";

describe("png", () => {
  test("an encoded image reads back with its size and its pixels", () => {
    const rgba = new Uint8Array(3 * 2 * 4).map((_, i) => (i * 37) % 256);
    const png = encodePng(3, 2, rgba);

    expect(readPngSize(png)).toEqual({ width: 3, height: 2 });
    // IDAT sits after the signature (8), IHDR (25) and its own length and type (8).
    const idatLength = png.readUInt32BE(33);
    expect(png.toString("ascii", 37, 41)).toBe("IDAT");
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect(raw.length).toBe(2 * (1 + 3 * 4));
    expect([...raw.subarray(1, 13)]).toEqual([...rgba.subarray(0, 12)]);
    expect([...raw.subarray(14, 26)]).toEqual([...rgba.subarray(12, 24)]);
    expect(png.toString("ascii", png.length - 8, png.length - 4)).toBe("IEND");
  });

  test("pixel data that does not match the size is refused", () => {
    expect(() => encodePng(4, 4, new Uint8Array(10))).toThrow(RangeError);
  });

  test("bytes that are not a PNG have no size", () => {
    expect(readPngSize(Buffer.from("GIF89a, not a PNG at all......"))).toBeUndefined();
    expect(readPngSize(Buffer.alloc(8))).toBeUndefined();
  });
});
