import { AppError, type AppErrorKind } from "../../../../src/core/errors";
import { checkStatuses, connectOrg, statusOfError, statusesOnStart, type ConnectionDeps } from "../../../../src/core/orgs/connection";
import { parseOrgUrl } from "../../../../src/core/orgs/org-url";
import type { OrgAddress, OrgStatus } from "../../../../src/core/orgs/types";
import type { OrgIdentity, OrgService } from "../../../../src/core/ports";

const contoso = parseOrgUrl("https://contoso.crm4.dynamics.com");
const fabrikam = parseOrgUrl("https://localhost:5555/fabrikam");
const identity: OrgIdentity = { userId: "user-1", businessUnitId: "bu-1", organizationId: "org-1" };

const unused = async (): Promise<never> => {
  throw new Error("not used by the connection code");
};

/** A fake org: WhoAmI and details answer from the given functions; everything else is unused. */
function fakeService(whoAmI: () => Promise<OrgIdentity>, details = async () => ({ friendlyName: "Contoso Sales", version: "9.2.25011.1" })): OrgService {
  return {
    whoAmI,
    details,
    validate: unused,
    deliver: unused,
    validateMany: unused,
    deliverMany: unused,
    emailOwner: unused,
    findTrackedEmail: unused,
    deleteEmail: unused,
    searchRecords: unused,
    recordsByEmail: unused,
    setRegarding: unused,
  };
}

function failingWith(kind: AppErrorKind): () => Promise<OrgIdentity> {
  return async () => {
    throw new AppError(kind, `failed: ${kind}`);
  };
}

describe("connectOrg", () => {
  test("returns the org with its friendly name, version and the person's ids", async () => {
    const deps: ConnectionDeps = { serviceFor: () => fakeService(async () => identity) };
    expect(await connectOrg(contoso, deps)).toEqual({
      ...contoso,
      friendlyName: "Contoso Sales",
      version: "9.2.25011.1",
      userId: "user-1",
      organizationId: "org-1",
    });
  });

  test("asks WhoAmI and the details in parallel", async () => {
    const started: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const service = fakeService(
      async () => {
        started.push("whoAmI");
        await gate;
        return identity;
      },
      async () => {
        started.push("details");
        await gate;
        return { friendlyName: "F", version: "9" };
      },
    );
    const connecting = connectOrg(contoso, { serviceFor: () => service });
    await Promise.resolve();
    expect(started.sort()).toEqual(["details", "whoAmI"]);
    release();
    await expect(connecting).resolves.toMatchObject({ friendlyName: "F" });
  });

  test("throws the AppError of the call that failed; anything else becomes an AppError", async () => {
    await expect(connectOrg(contoso, { serviceFor: () => fakeService(failingWith("forbidden")) })).rejects.toMatchObject({ kind: "forbidden" });
    const broken = fakeService(async () => {
      throw new TypeError("boom");
    });
    const error = await connectOrg(contoso, { serviceFor: () => broken }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe("unknown");
  });
});

describe("statusOfError", () => {
  test.each<[AppErrorKind, OrgStatus]>([
    ["auth", "needsSignIn"],
    ["forbidden", "noAccess"],
    ["offline", "unreachable"],
    ["timeout", "unreachable"],
    ["throttled", "unreachable"],
    ["notFound", "unreachable"],
    ["unknown", "unreachable"],
    ["cancelled", "notChecked"],
  ])("%s → %s", (kind, status) => {
    expect(statusOfError(new AppError(kind, "x"))).toBe(status);
  });

  test("a thrown value that is not an AppError counts as unreachable", () => {
    expect(statusOfError(new Error("socket hang up"))).toBe("unreachable");
  });
});

describe("checkStatuses", () => {
  test("maps each org's answer to its status", async () => {
    const orgs: OrgAddress[] = [contoso, fabrikam, parseOrgUrl("https://a.crm.dynamics.com"), parseOrgUrl("https://b.crm.dynamics.com"), parseOrgUrl("https://c.crm.dynamics.com")];
    const behaviours = [async () => identity, failingWith("auth"), failingWith("forbidden"), failingWith("offline"), failingWith("timeout")];
    const deps: ConnectionDeps = { serviceFor: (address) => fakeService(behaviours[orgs.indexOf(address)] ?? unused) };
    const statuses = await checkStatuses(orgs, deps);
    expect([...statuses.entries()]).toEqual([
      [contoso.key, "connected"],
      [fabrikam.key, "needsSignIn"],
      ["https://a.crm.dynamics.com", "noAccess"],
      ["https://b.crm.dynamics.com", "unreachable"],
      ["https://c.crm.dynamics.com", "unreachable"],
    ]);
  });

  test("checks all orgs in parallel: every request starts before any answers", async () => {
    const orgs = Array.from({ length: 5 }, (_, i) => parseOrgUrl(`https://org${i}.crm.dynamics.com`));
    const started: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const deps: ConnectionDeps = {
      serviceFor: (address) =>
        fakeService(async () => {
          started.push(address.key);
          await gate;
          return identity;
        }),
    };
    const checking = checkStatuses(orgs, deps);
    await Promise.resolve();
    expect(started).toHaveLength(5);
    release();
    expect([...(await checking).values()]).toEqual(Array(5).fill("connected"));
  });

  test("reports each status as soon as it is known", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const reported: [string, OrgStatus][] = [];
    const deps: ConnectionDeps = {
      serviceFor: (address) => fakeService(address === contoso ? async () => (await gate, identity) : failingWith("auth")),
    };
    const checking = checkStatuses([contoso, fabrikam], deps, { onStatus: (key, status) => reported.push([key, status]) });
    await new Promise((resolve) => setImmediate(resolve));
    expect(reported).toEqual([[fabrikam.key, "needsSignIn"]]);
    release();
    await checking;
    expect(reported).toEqual([
      [fabrikam.key, "needsSignIn"],
      [contoso.key, "connected"],
    ]);
  });

  test("no orgs: no calls, an empty map", async () => {
    const deps: ConnectionDeps = { serviceFor: () => fakeService(unused) };
    expect((await checkStatuses([], deps)).size).toBe(0);
  });
});

describe("statusesOnStart (the connection switch)", () => {
  test("with Connect automatically off, no org is called and every status is notChecked", async () => {
    let calls = 0;
    const deps: ConnectionDeps = {
      serviceFor: () => {
        calls++;
        return fakeService(async () => identity);
      },
    };
    const statuses = await statusesOnStart([contoso, fabrikam], false, deps);
    expect(calls).toBe(0);
    expect([...statuses.values()]).toEqual(["notChecked", "notChecked"]);
  });

  test("with Connect automatically on, every org is checked", async () => {
    const deps: ConnectionDeps = { serviceFor: (address) => fakeService(address === contoso ? async () => identity : failingWith("auth")) };
    const statuses = await statusesOnStart([contoso, fabrikam], true, deps);
    expect(Object.fromEntries(statuses)).toEqual({ [contoso.key]: "connected", [fabrikam.key]: "needsSignIn" });
  });
});
