import { AppError } from "../../../src/core/errors";
import type { OrgService } from "../../../src/core/ports";
import { lazyDiscoveryService, lazyOrgService, once } from "../../../src/taskpane/lazy-services";
import { FakeOrgService } from "../core/tracking/fake-org-service";
import { CONTOSO } from "./support/pane";

describe("services loaded on first call", () => {
  test("once loads a single time, forgets a failure and reports it as an AppError", async () => {
    const load = jest.fn<Promise<string>, []>().mockRejectedValueOnce(new Error("chunk failed")).mockResolvedValue("loaded");
    const get = once(load);
    await expect(get()).rejects.toBeInstanceOf(AppError);
    expect(await Promise.all([get(), get()])).toEqual(["loaded", "loaded"]);
    expect(load).toHaveBeenCalledTimes(2);
  });

  test("an OrgService delegates every call to the service it loads, which is loaded on the first call only", async () => {
    const real = new FakeOrgService(CONTOSO);
    const load = jest.fn(async (): Promise<OrgService> => real);
    const service = lazyOrgService(load);
    expect(load).not.toHaveBeenCalled();
    expect((await service.whoAmI()).userId).toBe(real.userId);
    expect(await service.validate({ internetMessageId: "<a@b>", subject: "s", from: "x@y", to: [], cc: [], bcc: [], direction: "incoming" })).toEqual({ accepted: true, reasonCode: 6 });
    await expect(service.deleteEmail("missing")).rejects.toMatchObject({ kind: "notFound" });
    expect(real.calls.map((call) => call.method)).toEqual(["whoAmI", "validate", "deleteEmail"]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  test("a DiscoveryService does the same", async () => {
    const discovery = lazyDiscoveryService(async () => ({ instances: async () => [] }));
    expect(await discovery.instances()).toEqual([]);
  });
});
