import { DEMO_SEED_FILE, readSeedFile, validateSeed } from "../../emulator/src/seed/validate";
import type { Seed } from "../../emulator/src/seed/types";

/** The signed-in person of the benchmarks: a member of every org of the seed below. */
export const BENCH_USER = "alex.wu@contoso.example";

/** An org of the benchmark's seed, as the person sees it. */
export interface BenchOrg {
  urlName: string;
  friendlyName: string;
}

/** Orgs added to the demo's contoso and fabrikam, copies of contoso (its roles, members and records). */
const MORE_ORGS: readonly BenchOrg[] = [
  { urlName: "northwind", friendlyName: "Northwind Traders" },
  { urlName: "adatum", friendlyName: "Adatum Field Service" },
  { urlName: "tailspin", friendlyName: "Tailspin Marketing" },
];

/**
 * Returns the demo seed with `count` orgs that BENCH_USER belongs to (contoso, fabrikam, then
 * copies of contoso), validated as the emulator validates a seed file, and those orgs in order.
 * Throws an Error for a count outside 1…5 or when the demo seed has changed shape.
 */
export function seedWithOrgs(count: number): { seed: Seed; orgs: BenchOrg[] } {
  if (!Number.isInteger(count) || count < 1 || count > 2 + MORE_ORGS.length) throw new Error(`The benchmark seed has 1 to ${2 + MORE_ORGS.length} orgs, not ${count}.`);
  const seed = readSeedFile(DEMO_SEED_FILE);
  const contoso = seed.orgs.find((org) => org.urlName === "contoso");
  if (contoso === undefined || !seed.orgs.every((org) => org.members.some((member) => member.user === BENCH_USER))) {
    throw new Error(`The demo seed no longer has contoso, or ${BENCH_USER} is not a member of each of its orgs.`);
  }
  const copies = MORE_ORGS.map((org) => ({ ...(JSON.parse(JSON.stringify(contoso)) as typeof contoso), urlName: org.urlName, friendlyName: org.friendlyName }));
  const orgs = [...seed.orgs, ...copies].slice(0, count);
  return {
    seed: validateSeed({ ...seed, orgs }, "benchmark seed"),
    orgs: orgs.map((org) => ({ urlName: org.urlName, friendlyName: org.friendlyName })),
  };
}
