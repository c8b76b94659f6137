import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import selfsigned from "selfsigned";
import type { TlsFiles } from "./server";

/** The git-ignored folder that holds the generated localhost certificate. */
export const DEFAULT_CERT_DIR = path.resolve(__dirname, "..", "..", "..", ".certs");

const KEY_FILE = "localhost.key";
const CERT_FILE = "localhost.crt";
const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000;

/**
 * Returns a certificate for localhost / 127.0.0.1 / ::1, generating it (valid for a year) when the
 * folder has none or it expires within a week. Files are written atomically, so parallel test
 * workers never read half a file.
 */
export async function ensureLocalhostCertificate(dir = DEFAULT_CERT_DIR): Promise<TlsFiles & { certFile: string }> {
  const keyPath = path.join(dir, KEY_FILE);
  const certPath = path.join(dir, CERT_FILE);
  if (existsSync(keyPath) && existsSync(certPath)) {
    const cert = readFileSync(certPath);
    if (new Date(new X509Certificate(cert).validTo).getTime() - Date.now() > RENEW_BEFORE_MS) {
      return { key: readFileSync(keyPath), cert, certFile: certPath };
    }
  }
  mkdirSync(dir, { recursive: true });
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + 365 * 24 * 3600 * 1000);
  const pems = await selfsigned.generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  const suffix = `.${process.pid}.tmp`;
  writeFileSync(keyPath + suffix, pems.private, { mode: 0o600 });
  writeFileSync(certPath + suffix, pems.cert);
  renameSync(keyPath + suffix, keyPath);
  renameSync(certPath + suffix, certPath);
  return { key: pems.private, cert: pems.cert, certFile: certPath };
}
