import { AppError } from "../../../src/core/errors";
import { officeAsync } from "../../../src/office/office-async";
import { installOfficeFake, type OfficeFake } from "../../../src/simulator/host/office-fake";

describe("officeAsync: Office callbacks as Promises that reject with AppError office", () => {
  let fake: OfficeFake;
  beforeEach(() => {
    fake = installOfficeFake();
  });
  afterEach(() => fake.uninstall());

  test("resolves with the value of a succeeded result", async () => {
    const value = await officeAsync<string>("test", (callback) => callback({ status: Office.AsyncResultStatus.Succeeded, value: "ok" }));
    expect(value).toBe("ok");
  });

  test("rejects a failed result with AppError office carrying the Office error code and name", async () => {
    const failure = officeAsync<string>("read the message body", (callback) =>
      callback({ status: Office.AsyncResultStatus.Failed, value: "", error: { code: 9041, name: "PermissionDenied", message: "no" } }),
    );
    await expect(failure).rejects.toBeInstanceOf(AppError);
    await expect(failure).rejects.toMatchObject({
      kind: "office",
      code: "9041",
      messageKey: "office.failed",
      values: { operation: "read the message body", officeCode: 9041, officeError: "PermissionDenied" },
    });
  });

  test("rejects a synchronous throw from the Office call with AppError office", async () => {
    await expect(
      officeAsync<void>("save", () => {
        throw Object.assign(new Error("boom"), { code: 5001, name: "InternalError" });
      }),
    ).rejects.toMatchObject({ kind: "office", code: "5001" });
  });

  test("a failure the fake host injects reaches the caller as AppError office with its code", async () => {
    fake.failNext("roamingSettings.saveAsync", { code: 9020, name: "GenericResponseError" });
    const settings = Office.context.roamingSettings;
    await expect(officeAsync<void>("save the settings", (callback) => settings.saveAsync(callback))).rejects.toMatchObject({ kind: "office", code: "9020" });
    await expect(officeAsync<void>("save the settings", (callback) => settings.saveAsync(callback))).resolves.toBeUndefined();
  });
});
