import { AppError } from "../../../src/core/errors";
import { officeDisplayLanguage, officeRibbonHost, whenOfficeReady } from "../../../src/office/actions";

describe("Office actions outside an Office host", () => {
  test("whenOfficeReady rejects with an AppError of kind office", async () => {
    await expect(whenOfficeReady()).rejects.toMatchObject({ kind: "office", messageKey: "office.notLoaded" });
    await expect(whenOfficeReady()).rejects.toBeInstanceOf(AppError);
  });

  test("officeRibbonHost throws an AppError of kind office", () => {
    expect(() => officeRibbonHost()).toThrow(AppError);
  });

  test("officeDisplayLanguage is undefined and does not throw", () => {
    expect(officeDisplayLanguage()).toBeUndefined();
  });
});
