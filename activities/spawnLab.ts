import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GenerationInput, Usage } from '../generation/record';
import { labBranchName } from '../generation/record';
import { bundleCommit } from '../git/gitWorkspace';
import { createSealedContainer, execOk, putFiles } from '../lab/labContainer';
import { containerShell } from '../lab/labShell';
import { runAgent } from '../lab/agent';
import { costUsd } from '../model/pricing';
import { containerName, dependencyMounts, heartbeat, labels, withHeartbeat, type LoomDeps } from './deps';

export interface SpawnLabInput extends GenerationInput {
  runId: string;
  /** The exact base commit, resolved once by resolveBase. */
  baseSha: string;
}

export interface SpawnLabResult {
  repoPath: string;
  baseSha: string;
  labSha: string;
  labBranch: string;
  container: string;
  turns: number;
  agentStop: 'done' | 'turn_limit';
  summary: string;
  usage: Usage;
  durationMs: number;
}

// Runs as the Lab user inside the container: a repo whose only branch is the base,
// and a lab branch on top. program.md is excluded through .git/info/exclude, which is
// not tracked, so no ignore file is ever edited (field report bugs 3 and 4).
const PREPARE_SCRIPT = `set -e
cd /workspace
git init -q
git fetch -q --no-tags /tmp/base.bundle "$1:refs/heads/$2"
git checkout -q -b "$3" "$4"
rm -f /tmp/base.bundle
shift 4
for p in program.md .loom/ "$@"; do grep -qxF "$p" .git/info/exclude 2>/dev/null || echo "$p" >> .git/info/exclude; done
`;

// The agent's work is committed for it; an empty change commits nothing and is an
// ordinary outcome. Loom's artifacts are dropped from the index in case the agent
// added them, so what the reviewer does not see never lands either.
const COMMIT_SCRIPT = `cd /workspace
git rm -r -q --cached --ignore-unmatch program.md .loom >/dev/null
git add -A
if ! git diff --cached --quiet; then git commit -q --no-verify -m "$1" || exit 1; fi
git rev-parse HEAD
`;

export function commitMessage(generation: number, program: string): string {
  const title = program.split('\n').map((l) => l.replace(/^#+\s*/, '').trim()).find(Boolean) ?? 'change';
  return `loom gen-${generation}: ${title.slice(0, 72)}\n\nLoom-Generation: ${generation}`;
}

export function makeSpawnLab(deps: LoomDeps) {
  return async function spawnLab(input: SpawnLabInput): Promise<SpawnLabResult> {
    const started = Date.now();
    const repoPath = input.repoPath;
    const baseSha = input.baseSha;
    const labBranch = labBranchName(input.generation);
    const name = containerName(input.runId, 'lab');
    const container = await createSealedContainer(deps.docker, {
      image: deps.labImage,
      name,
      labels: labels(input.runId, input.generation, 'lab', repoPath),
      readOnlyMounts: dependencyMounts(repoPath, input.mounts),
    });

    const dir = await mkdtemp(join(tmpdir(), 'loom-spawn-'));
    try {
      const bundle = join(dir, 'base.bundle');
      const ref = await bundleCommit(repoPath, baseSha, `${input.runId}-base`, bundle);
      await putFiles(container, '/tmp', [{ name: 'base.bundle', content: await readFile(bundle) }]);
      // Mounted dependencies are not the Lab's to commit.
      const mountExcludes = (input.mounts ?? []).map((m) => `/${m.replace(/^\/+|\/+$/g, '')}/`);
      await execOk(container, ['bash', '-c', PREPARE_SCRIPT, 'prepare', ref, input.baseRef, labBranch, baseSha, ...mountExcludes]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await putFiles(container, '/workspace', [{ name: 'program.md', content: input.program }]);
    heartbeat({ step: 'agent', turn: 0 });

    const model = input.models.lab.model;
    let turn = 0;
    const agent = await withHeartbeat(
      () => ({ step: 'agent', turn }),
      runAgent({
        client: deps.anthropicFor('lab', input.models.lab),
        model,
        program: input.program,
        shell: containerShell(container),
        maxTurns: input.maxTurns ?? 40,
        onTurn: (t) => {
          turn = t;
          heartbeat({ step: 'agent', turn: t });
        },
      }),
    );

    const labSha = (await execOk(container, ['bash', '-c', COMMIT_SCRIPT, 'commit', commitMessage(input.generation, input.program)])).trim();
    return {
      repoPath,
      baseSha,
      labSha,
      labBranch,
      container: name,
      turns: agent.turns,
      agentStop: agent.stop,
      summary: agent.summary.slice(0, 2000),
      usage: {
        model,
        inputTokens: agent.inputTokens,
        outputTokens: agent.outputTokens,
        requests: agent.requests,
        costUsd: costUsd(model, agent.inputTokens, agent.outputTokens),
      },
      durationMs: Date.now() - started,
    };
  };
}
