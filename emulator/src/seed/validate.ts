import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import type { Seed } from "./types";

/** Where the demo seed and the seed's JSON schema live. */
export const SEED_DIR = path.resolve(__dirname, "..", "..", "seed");
export const DEMO_SEED_FILE = path.join(SEED_DIR, "demo.json");
const SCHEMA_FILE = path.join(SEED_DIR, "seed.schema.json");

/** A short hash of the seed; the database is reloaded when the seed it was made from changes. */
export function seedFingerprint(seed: Seed): string {
  return createHash("sha256").update(JSON.stringify(seed)).digest("hex").slice(0, 16);
}

/** Checks a parsed seed against the JSON schema; returns it typed, or throws an Error listing every problem. */
export function validateSeed(value: unknown, source = "seed"): Seed {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile<Seed>(schema);
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map((e) => `  ${e.instancePath || "/"} ${e.message ?? "is invalid"}`).join("\n");
    throw new Error(`${source} does not follow the seed schema:\n${problems}`);
  }
  return value;
}

/** Reads and validates a seed file; throws an Error that names the file and the problem. */
export function readSeedFile(file: string): Seed {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`Cannot read the seed file ${file}: ${(error as Error).message}`, { cause: error });
  }
  return validateSeed(parsed, file);
}
