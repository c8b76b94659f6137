import { ensureE2eBuild } from "./build-cache";

/** Jest's global setup for the end-to-end tests: the production build they run, built once. */
export default async function globalSetup(): Promise<void> {
  await ensureE2eBuild((line) => process.stdout.write(`${line}\n`));
}
