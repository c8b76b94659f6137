/** @jest-environment jsdom */
import { exposeBridge, findBridge, OFFICE_JS_CDN, type SimulatorBridge } from "../../../src/simulator/bridge";
import { installOffice } from "../../../src/simulator/office-sim";

/** A window-like object with a parent and an opener (a same-origin stand-in). */
function windowLike(parent?: object, opener?: object): Window {
  const self: Record<string, unknown> = { opener: opener ?? null };
  self.parent = parent ?? self;
  return self as unknown as Window;
}

describe("office-sim.js: a page inside the simulator gets its Office from the simulator", () => {
  const bridge: SimulatorBridge = { version: 1, officeFor: (frame) => ({ frame }) };

  test("found through the parent (task pane, function file) and through the opener's parent (a dialog window)", () => {
    const simulator = windowLike();
    exposeBridge(simulator, bridge);
    const pane = windowLike(simulator);
    const dialog = windowLike(undefined, pane);
    expect(findBridge(pane)).toBe(bridge);
    expect(findBridge(dialog)).toBe(bridge);
    expect(findBridge(windowLike())).toBeUndefined();
  });

  test("a window of another origin (whose properties throw) is skipped", () => {
    const foreign = new Proxy(
      {},
      {
        get: () => {
          throw new DOMException("Blocked a frame with origin", "SecurityError");
        },
      },
    ) as Window;
    expect(findBridge(windowLike(foreign))).toBeUndefined();
  });

  test("inside the simulator: Office is defined from the bridge, nothing is loaded", () => {
    const simulator = windowLike();
    exposeBridge(simulator, bridge);
    const pane = windowLike(simulator);
    const write = jest.spyOn(document, "write").mockImplementation(() => undefined);
    try {
      expect(installOffice(pane, document)).toBe("simulator");
      expect((pane as unknown as { Office: { frame: Window } }).Office.frame).toBe(pane);
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
  });

  test("anywhere else: the CDN's Office.js is loaded instead, unless this script is itself served at the CDN's address", () => {
    const write = jest.spyOn(document, "write").mockImplementation(() => undefined);
    try {
      expect(installOffice(windowLike(), document)).toBe("cdn");
      expect(write).toHaveBeenCalledWith(`<script src="${OFFICE_JS_CDN}"></script>`);
      write.mockClear();
      const script = document.createElement("script");
      script.src = OFFICE_JS_CDN;
      jest.spyOn(document, "currentScript", "get").mockReturnValue(script);
      expect(installOffice(windowLike(), document)).toBe("none");
      expect(write).not.toHaveBeenCalled();
    } finally {
      jest.restoreAllMocks();
    }
  });
});
