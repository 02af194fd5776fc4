// The floor: the bare operations a skilled person would script by hand for one generation
// with a zero-latency agent, run against the same repository, image and container limits
// as Loom. Each step is one bash script, timed as a whole; the scripts are printed in
// docs/bench.md exactly as they run here.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ModelScript } from '../model/modelScript';
import { applyEdit } from '../lab/agentTools';
import type { BenchRepo } from './repos';
import { bash, run } from './sh';

/** The container settings Loom uses (lab/labContainer.ts): sealed, 1 CPU, 2 GiB, 256 pids. */
export const SEAL_FLAGS = [
  '--network none --cap-drop ALL --security-opt no-new-privileges --user 1000:1000',
  '--memory 2g --memory-swap 2g --cpus 1 --pids-limit 256 --init -w /workspace',
  '-e HOME=/home/lab -e CI=true -e GIT_AUTHOR_NAME=Floor -e GIT_AUTHOR_EMAIL=floor@loom.invalid',
  '-e GIT_COMMITTER_NAME=Floor -e GIT_COMMITTER_EMAIL=floor@loom.invalid',
].join(' ');

export type FloorStep = 'resolveBase' | 'baseline' | 'spawnLab' | 'fetchBranch' | 'checkChange' | 'runTests' | 'heldOut' | 'mutation' | 'llmReview' | 'promote';

/** The scripts, by step. $REPO, $IMAGE, $SEAL, $TEST, $TMP, $EDITS, $FILES, $BASE, $CID, $SHA come from the environment. */
export const FLOOR_SCRIPTS: Record<FloorStep, string> = {
  resolveBase: `git -C "$REPO" rev-parse --verify -q 'refs/heads/main^{commit}'`,
  baseline: `git -C "$REPO" archive --format=tar "$BASE" | docker run -i --rm $SEAL "$IMAGE" bash -c "tar -xf - && $TEST"`,
  spawnLab: [
    `CID=$(docker run -d $SEAL "$IMAGE" sleep infinity)`,
    `git -C "$REPO" bundle create -q "$TMP/base.bundle" main`,
    `docker cp -q "$TMP/base.bundle" "$CID:/tmp/base.bundle"`,
    `docker exec "$CID" bash -c 'git init -q && git fetch -q --no-tags /tmp/base.bundle main:main && git checkout -q -b lab main'`,
    `# the agent's edits at zero latency: its files, in one go, then the commit`,
    `tar -C "$EDITS" -cf - $FILES | docker exec -i "$CID" bash -c 'tar -xf - && git add -A && git commit -q -m "floor" && git rev-parse HEAD' >/dev/null`,
    `echo "$CID"`,
  ].join('\n'),
  fetchBranch: [
    `docker exec "$CID" git bundle create -q /tmp/lab.bundle main..lab`,
    `docker cp -q "$CID:/tmp/lab.bundle" "$TMP/lab.bundle"`,
    `git -C "$REPO" fetch -q --no-tags "$TMP/lab.bundle" "+lab:refs/heads/bench-floor"`,
    `docker rm -f "$CID" >/dev/null`,
    `git -C "$REPO" rev-parse refs/heads/bench-floor`,
  ].join('\n'),
  checkChange: `git -C "$REPO" diff "$BASE" "$SHA" >/dev/null`,
  runTests: `git -C "$REPO" archive --format=tar "$SHA" | docker run -i --rm $SEAL "$IMAGE" bash -c "tar -xf - && $TEST"`,
  // The same again: the held-out tree is another tree to test in its own container.
  heldOut: `git -C "$REPO" archive --format=tar "$SHA" | docker run -i --rm $SEAL "$IMAGE" bash -c "tar -xf - && $TEST"`,
  // The test command once per mutant and once more for the control run (Loom runs them in runTests' container).
  mutation: `git -C "$REPO" archive --format=tar "$SHA" | docker run -i --rm $SEAL "$IMAGE" bash -c "tar -xf - && for i in $(seq -s " " $MUTATION_RUNS); do $TEST >/dev/null || true; done"`,
  llmReview: `git -C "$REPO" diff "$BASE" "$SHA" >/dev/null  # the diff to send; the model answers in zero time`,
  promote: `git -C "$REPO" merge --ff-only -q "$SHA"`,
};

/** An extra probe, not part of the total: one round trip into a running container. */
export const EXEC_PROBE = `docker exec "$CID" true`;

/** The files the scripted Lab ends up writing, computed on the host from the script (free: the agent has zero latency). */
export async function scriptedEdits(repo: BenchRepo, script: ModelScript): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const step of script.lab ?? []) {
    const input = (step.input ?? {}) as Record<string, string>;
    if (step.tool === 'write') files[input.path!] = input.content!;
    if (step.tool === 'edit') {
      const current = files[input.path!] ?? (await run('git', ['-C', repo.path, 'show', `${repo.baseSha}:${input.path}`])).stdout;
      files[input.path!] = applyEdit(current, input.old_text!, input.new_text!);
    }
  }
  return files;
}

export type FloorTimes = Record<FloorStep, number> & { exec: number };

/** One floor generation; leaves main where it found it. */
export async function runFloor(repo: BenchRepo, image: string, edits: Record<string, string>): Promise<FloorTimes> {
  const tmp = await mkdtemp(join(tmpdir(), 'loom-bench-floor-'));
  const editsDir = join(tmp, 'edits');
  for (const [path, content] of Object.entries(edits)) {
    await mkdir(dirname(join(editsDir, path)), { recursive: true });
    await writeFile(join(editsDir, path), content);
  }
  const vars: Record<string, string> = {
    REPO: repo.path,
    IMAGE: image,
    SEAL: SEAL_FLAGS,
    TEST: repo.spec.testCommand,
    TMP: tmp,
    EDITS: editsDir,
    FILES: Object.keys(edits).join(' '),
    BASE: repo.baseSha,
    // The scripted change (multiply and its test) has 2 mutants; with the control, 3 runs.
    MUTATION_RUNS: '3',
  };
  const times = {} as FloorTimes;
  const step = async (name: FloorStep) => {
    const r = await bash(FLOOR_SCRIPTS[name], vars);
    times[name] = r.ms;
    return r.stdout.trim();
  };
  try {
    await step('resolveBase');
    await step('baseline');
    vars.CID = await step('spawnLab');
    times.exec = (await bash(EXEC_PROBE, vars)).ms;
    vars.SHA = await step('fetchBranch');
    delete vars.CID;
    await step('checkChange');
    await step('runTests');
    await step('heldOut');
    await step('mutation');
    await step('llmReview');
    await step('promote');
    return times;
  } finally {
    if (vars.CID) await run('docker', ['rm', '-f', vars.CID]).catch(() => undefined);
    await rm(tmp, { recursive: true, force: true });
  }
}

export const FLOOR_STEPS: FloorStep[] = ['resolveBase', 'baseline', 'spawnLab', 'fetchBranch', 'checkChange', 'runTests', 'heldOut', 'mutation', 'llmReview', 'promote'];

export function floorTotal(t: FloorTimes): number {
  return FLOOR_STEPS.reduce((sum, s) => sum + t[s], 0);
}
