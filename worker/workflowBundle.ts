// The workflow code, bundled once and kept under .loom/workflow-bundles/ by the hash of the
// sources it could include: a worker that starts loads the file instead of running webpack
// (seconds and a few hundred MB at every start). A source change makes a new hash, so a
// stale bundle is never loaded.
import { bundleWorkflowCode } from '@temporalio/worker';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LOOM_ROOT, STATE_DIR } from '../provision/state';

// Folders whose code never runs in a workflow.
const NOT_WORKFLOW_CODE = new Set(['node_modules', 'test', 'bench', 'examples', 'docs', 'deploy', 'provision', '.loom', '.git', '.ci']);

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!NOT_WORKFLOW_CODE.has(entry.name)) sources(join(dir, entry.name), out);
    } else if (/\.(ts|mts|js|mjs|json)$/.test(entry.name)) out.push(join(dir, entry.name));
  }
  return out;
}

/** A hash of every source file a workflow could import, and the locked SDK versions. */
export function workflowCodeHash(root = LOOM_ROOT): string {
  const h = createHash('sha256');
  for (const file of sources(root).sort()) h.update(`${relative(root, file)}\n`).update(readFileSync(file)).update('\n');
  return h.digest('hex').slice(0, 16);
}

// A bundle of an earlier code version may still be in use: a worker or a test suite started on
// it reads it again for every worker it starts, while the code is edited beside it. So bundles
// are pruned by when they were last used (each use touches it), never by how many newer exist.
export const BUNDLE_UNUSED_MS = 24 * 60 * 60_000;

export function prune(dir: string, current: string, nowMs = Date.now()): void {
  for (const f of readdirSync(dir)) {
    const path = join(dir, f);
    if (!/^workflows-[0-9a-f]+\.js$/.test(f) || path === current) continue;
    if (nowMs - statSync(path).mtimeMs > BUNDLE_UNUSED_MS) rmSync(path, { force: true });
  }
}

export interface CachedBundle {
  codePath: string;
  hash: string;
  /** Built by this call (false: loaded from the cache). */
  built: boolean;
}

export async function cachedWorkflowBundle(workflowsPath: string, dir = join(STATE_DIR, 'workflow-bundles')): Promise<CachedBundle> {
  const hash = workflowCodeHash();
  const codePath = join(dir, `workflows-${hash}.js`);
  if (existsSync(codePath)) {
    const now = new Date();
    utimesSync(codePath, now, now);
    return { codePath, hash, built: false };
  }
  const bundle = await bundleWorkflowCode({ workflowsPath, logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error } as never });
  mkdirSync(dir, { recursive: true });
  // Written aside and renamed: two workers starting at once never load half a file.
  const tmp = `${codePath}.${process.pid}.tmp`;
  writeFileSync(tmp, bundle.code);
  renameSync(tmp, codePath);
  prune(dir, codePath);
  return { codePath, hash, built: true };
}
