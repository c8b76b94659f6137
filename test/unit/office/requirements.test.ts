import { hostCapabilities, isSupported, requireSupport } from "../../../src/office/requirements";
import { installOfficeFake, type OfficeFake } from "../../../src/simulator/host/office-fake";

describe("requirement sets", () => {
  let fake: OfficeFake | undefined;
  afterEach(() => {
    fake?.uninstall();
    fake = undefined;
  });

  test("outside Office every requirement is unsupported and requireSupport says which set is needed", () => {
    expect(hostCapabilities()).toEqual({ categories: false, multiSelect: false, loadItemById: false, nestedAppAuth: false });
    expect(() => requireSupport("categories")).toThrow(expect.objectContaining({ kind: "office", messageKey: "office.requirementMissing", message: expect.stringContaining("Mailbox 1.8") }));
  });

  test.each([
    [{ Mailbox: "1.7" }, { categories: false, multiSelect: false, loadItemById: false, nestedAppAuth: false }],
    [{ Mailbox: "1.8" }, { categories: true, multiSelect: false, loadItemById: false, nestedAppAuth: false }],
    [{ Mailbox: "1.13" }, { categories: true, multiSelect: true, loadItemById: false, nestedAppAuth: false }],
    [{ Mailbox: "1.15", NestedAppAuth: "1.1" }, { categories: true, multiSelect: true, loadItemById: true, nestedAppAuth: true }],
    [{ Mailbox: "1.14", NestedAppAuth: "1.0" }, { categories: true, multiSelect: true, loadItemById: false, nestedAppAuth: false }],
  ])("host with %j supports %j", (sets, expected) => {
    fake = installOfficeFake({ requirementSets: sets });
    expect(hostCapabilities()).toEqual(expected);
  });

  test.each([
    ["categories", "Mailbox 1.8"],
    ["multiSelect", "Mailbox 1.13"],
    ["loadItemById", "Mailbox 1.15"],
    ["nestedAppAuth", "NestedAppAuth 1.1"],
  ] as const)("a missing %s names %s in its message and values", (requirement, set) => {
    fake = installOfficeFake({ requirementSets: { Mailbox: "1.1" } });
    expect(isSupported(requirement)).toBe(false);
    let thrown: unknown;
    try {
      requireSupport(requirement);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ kind: "office", messageKey: "office.requirementMissing", values: { requirementSet: set } });
    expect((thrown as Error).message).toContain(`needs Outlook with ${set}`);
  });

  test("a host whose check throws counts as not supporting the set", () => {
    fake = installOfficeFake();
    (Office.context.requirements as { isSetSupported: unknown }).isSetSupported = () => {
      throw new Error("not available");
    };
    expect(isSupported("categories")).toBe(false);
  });
});
