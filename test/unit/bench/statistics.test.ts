import { maxConcurrent, spreadOf } from "../../../bench/support/statistics";

describe("spreadOf", () => {
  test("odd count: the middle value; p90 by nearest rank; min and max", () => {
    expect(spreadOf([700, 300, 500, 900, 100])).toEqual({ count: 5, median: 500, p90: 900, min: 100, max: 900 });
  });

  test("even count: the mean of the two middle values; ten loads give the 9th value as p90", () => {
    const loads = [410, 420, 430, 440, 450, 460, 470, 480, 490, 2000];
    expect(spreadOf(loads)).toMatchObject({ count: 10, median: 455, p90: 490, min: 410, max: 2000 });
  });

  test("does not reorder the caller's values; refuses an empty series", () => {
    const values = [3, 1, 2];
    spreadOf(values);
    expect(values).toEqual([3, 1, 2]);
    expect(() => spreadOf([])).toThrow("No measurements");
  });
});

describe("maxConcurrent", () => {
  test("five requests sent together are five in flight", () => {
    expect(maxConcurrent([0, 2, 4, 6, 8].map((start) => ({ start, end: 100 + start })))).toBe(5);
  });

  test("requests one after the other are one in flight, even when one ends as the next starts", () => {
    expect(
      maxConcurrent([
        { start: 0, end: 10 },
        { start: 10, end: 20 },
        { start: 25, end: 30 },
      ]),
    ).toBe(1);
  });

  test("staggered requests: the most open at one instant", () => {
    expect(
      maxConcurrent([
        { start: 0, end: 50 },
        { start: 10, end: 20 },
        { start: 30, end: 60 },
        { start: 40, end: 45 },
      ]),
    ).toBe(3);
    expect(maxConcurrent([])).toBe(0);
  });
});
