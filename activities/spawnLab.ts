import { Context } from '@temporalio/activity';
import { GO_PREPARE } from '../runners/go';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Usage } from '../generation/recordTypes';
import type { RoleModel } from '../config/workSettings';
import { commitMessage } from '../generation/naming';
import { labProgram } from '../program/heldOutExamples';
import type { ActivityScope } from '../generation/activityScope';
import { bundleCommit } from '../git/gitWorkspace';
import { createSealedContainer, execIn, execOk, putFiles, removeContainer } from '../lab/labContainer';
import { exchangeRef, publishCommit } from '../git/exchange';
import { copyBranchOut } from './fetchBranch';
import { commitSource } from './labSource';
import { containerShell } from '../lab/labShell';
import { runAgent, type AgentStop } from '../lab/agent';
import type { Conversation } from '../lab/conversation';
import { appendTurn, resumeFrom, startTranscript, transcriptPath, type TranscriptCheckpoint } from '../lab/transcript';
import { contextBudgetOf } from '../model/contextWindow';
import { simpleGit } from 'simple-git';
import type Docker from 'dockerode';
import { costUsd } from '../model/pricing';
import { type LoomDeps } from './deps';
import { containerName, labels } from '../lab/containerLabels';
import { dependencyMounts } from '../lab/dependencyMounts';
import { heartbeat, previousHeartbeat, withHeartbeat } from './heartbeat';

/** What a Lab's container is prepared from: where the base is, and the task. */
export interface PrepareLabInput {
  /** Its candidate is this Lab's number in best-of-K; its mounts and setup paths are never the Lab's to commit. */
  scope: ActivityScope;
  /** The branch the base came from, as the Lab's clone names it. */
  baseRef: string;
  /** The exact base commit, resolved once by resolveBase. */
  baseSha: string;
  program: string;
  /** The Lab's branch: lab/gen-N, or lab/gen-N-cK in best-of-K. */
  labBranch: string;
}

/** What a Lab needs besides its container: its model and its limits. */
export interface SpawnLabInput extends PrepareLabInput {
  /** The Lab's model (no key: keys stay on the worker). */
  model: RoleModel;
  maxTurns: number;
  /** What this Lab may spend (budgets.labUsd, budgets.labTokens) and the prompt size at which old tool results are elided. */
  labBudget: { usd: number; tokens: number; contextTokens?: number };
  /** Prompt caching; on unless switched off (to measure what it saves). */
  labCache?: boolean;
}

export interface SpawnLabResult {
  repoPath: string;
  baseSha: string;
  labSha: string;
  labBranch: string;
  container: string;
  turns: number;
  agentStop: AgentStop;
  /** The model's replies cut off at max_tokens (their tool calls not run). */
  truncatedReplies?: number;
  /** Tool results elided to keep the conversation within its context budget. */
  maskedResults?: number;
  /** The largest prompt the Lab sent, in tokens. */
  largestPrompt?: number;
  /** The session's trajectory on the host that ran the Lab. */
  transcript?: string;
  summary: string;
  usage: Usage;
  durationMs: number;
}

// Runs as the Lab user inside the container: a repo whose only branch is the base,
// and a lab branch on top. program.md sits in the Lab user's home, outside the repository,
// so no tool that scans the tree (a licence checker, a linter) sees it; a program.md the
// agent writes anyway is excluded through .git/info/exclude, which is not tracked, so no
// ignore file is ever edited and the spec never lands in the tree.
// Last, it leaves a marker: a prepared Lab no agent has touched yet (see claimPrepared).
const PREPARE_SCRIPT = `set -e
cd /workspace
git init -q -b loom/unborn
git fetch -q --no-tags /tmp/base.bundle "$1:refs/heads/$2"
git checkout -q -b "$3" "$4"
rm -f /tmp/base.bundle
shift 4
for p in program.md .loom/ "$@"; do grep -qxF "$p" .git/info/exclude 2>/dev/null || echo "$p" >> .git/info/exclude; done
mv /tmp/program.md "$HOME/program.md"
# The Lab's own go test starts from the image's compiled standard packages, as verification's runs do.
${GO_PREPARE}
touch /tmp/loom-prepared
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


/** Heartbeat details of spawnLab: progress, and what a retry resumes from. */
interface LabHeartbeat {
  step: 'agent' | 'committed';
  turn: number;
  container?: string;
  /** The transcript and how far it vouches for the conversation: what a retry resumes from. */
  transcript?: TranscriptCheckpoint;
  /** Once the Lab's work is committed: the result itself, so a retry pays for nothing. */
  result?: SpawnLabResult;
  /** The commit is in the exchange and the container gone (the Lab works apart from Prime). */
  published?: boolean;
}

/** The result of a crashed attempt that had already committed, if its Lab is still there at that commit. */
async function committedBefore(deps: LoomDeps, name: string): Promise<SpawnLabResult | undefined> {
  const last = previousHeartbeat<LabHeartbeat>();
  if (!last?.result || last.container !== name) return undefined;
  if (last.published) return last.result;
  try {
    const head = await execOk(deps.docker.getContainer(name), ['git', 'rev-parse', 'HEAD']);
    return head.trim() === last.result.labSha ? last.result : undefined;
  } catch {
    return undefined;
  }
}

/** The conversation a crashed attempt left in its transcript, if its container is still alive to resume in. */
async function resumable(deps: LoomDeps, name: string, program: string): Promise<{ conversation: Conversation; checkpoint: TranscriptCheckpoint } | undefined> {
  const last = previousHeartbeat<LabHeartbeat>();
  if (!last?.transcript || last.container !== name) return undefined;
  try {
    const info = await deps.docker.getContainer(name).inspect();
    return info.State.Running ? resumeFrom(last.transcript, program) : undefined;
  } catch {
    return undefined;
  }
}

/** Where this Lab's transcript goes: the git folder of the repository this worker reads the base from. */
async function transcriptFile(deps: LoomDeps, scope: ActivityScope): Promise<string> {
  const gitDir = (await simpleGit(await commitSource(deps, scope, 'base')).revparse(['--absolute-git-dir'])).trim();
  return transcriptPath(gitDir, scope.generation, scope.candidate);
}

export function makeSpawnLab(deps: LoomDeps) {
  return async function spawnLab(input: SpawnLabInput): Promise<SpawnLabResult> {
    const started = Date.now();
    const { scope, baseSha, labBranch } = input;
    const name = containerName(scope.runId, 'lab', scope.candidate);
    const done = await committedBefore(deps, name);
    if (done) return { ...done, durationMs: Date.now() - started };
    const resume = await resumable(deps, name, labProgram(input.program));
    // A Lab prepared while the baseline ran is used as it is; anything else starts afresh.
    const container = resume ? deps.docker.getContainer(name) : ((await claimPrepared(deps, name)) ?? (await prepareLabContainer(deps, input, name)));

    const model = input.model.model;
    let transcript =
      resume?.checkpoint ??
      startTranscript(await transcriptFile(deps, scope), { session: { generation: scope.generation, ...(scope.candidate ? { candidate: scope.candidate } : {}), model, runId: scope.runId, startedAt: new Date().toISOString() } });
    let beat: LabHeartbeat = { step: 'agent', turn: transcript.turns, container: name, transcript };
    const agent = await withHeartbeat(
      () => beat,
      runAgent({
        client: deps.anthropicFor('lab', input.model),
        model,
        program: labProgram(input.program),
        shell: containerShell(container),
        maxTurns: input.maxTurns,
        budget: { usd: input.labBudget.usd, tokens: input.labBudget.tokens, costOf: (t) => costUsd(model, t) },
        // Unset, it follows the Lab model, which a loop may change between generations.
        contextBudget: input.labBudget.contextTokens ?? contextBudgetOf(model),
        cache: input.labCache ?? true,
        thinkingTokens: input.model.thinkingTokens,
        resume: resume?.conversation,
        onTurn: (entry) => {
          transcript = appendTurn(transcript, entry);
          beat = { step: 'agent', turn: entry.turn, container: name, transcript };
          heartbeat(beat);
        },
      }),
    );

    const labSha = (await execOk(container, ['bash', '-c', COMMIT_SCRIPT, 'commit', commitMessage(scope.generation, labProgram(input.program))])).trim();
    const result: SpawnLabResult = {
      repoPath: scope.repoPath,
      baseSha,
      labSha,
      labBranch,
      container: name,
      turns: agent.turns,
      agentStop: agent.stop,
      ...(agent.truncated ? { truncatedReplies: agent.truncated } : {}),
      ...(agent.masked ? { maskedResults: agent.masked } : {}),
      ...(agent.largestPrompt ? { largestPrompt: agent.largestPrompt } : {}),
      transcript: transcript.path,
      summary: agent.summary.slice(0, 2000),
      usage: {
        model,
        inputTokens: agent.tokens.inputTokens,
        outputTokens: agent.tokens.outputTokens,
        cacheWriteTokens: agent.tokens.cacheWriteTokens ?? 0,
        cacheReadTokens: agent.tokens.cacheReadTokens ?? 0,
        requests: agent.requests,
        costUsd: costUsd(model, agent.tokens),
      },
      durationMs: Date.now() - started,
    };
    heartbeat({ step: 'committed', turn: agent.turns, container: name, result } satisfies LabHeartbeat);
    if (scope.exchange) {
      // Working apart from Prime: the commit leaves through the exchange, and the
      // container goes now, on the machine whose engine holds it.
      const src = await commitSource(deps, scope, 'base');
      const ref = exchangeRef(scope.runId, 'lab', scope.candidate);
      const sha = await copyBranchOut(deps, name, labBranch, src, ref, input.baseSha);
      if (sha !== labSha) throw new Error(`${labBranch} left the Lab at ${sha}, but the Lab committed ${labSha}`);
      await publishCommit(src, scope.exchange, labSha, ref);
      await removeContainer(deps.docker, name);
      result.durationMs = Date.now() - started;
      heartbeat({ step: 'committed', turn: agent.turns, container: name, result, published: true } satisfies LabHeartbeat);
    }
    return result;
  };
}

/**
 * The container, the base and program.md, without the agent: run beside the baseline so
 * a generation's first model call waits for neither, and paid for nothing if the base is red.
 */
export function makePrepareLab(deps: LoomDeps) {
  return async function prepareLab(input: PrepareLabInput): Promise<{ container: string; durationMs: number }> {
    const started = Date.now();
    const name = containerName(input.scope.runId, 'lab', input.scope.candidate);
    await prepareLabContainer(deps, input, name);
    return { container: name, durationMs: Date.now() - started };
  };
}

/**
 * The prepared Lab, if one is waiting untouched; claiming it removes the marker, once.
 * Only a first attempt claims: a retry cannot tell a prepared Lab from one an agent
 * already worked in (the Lab could forge the marker), so it starts afresh or resumes.
 */
async function claimPrepared(deps: LoomDeps, name: string): Promise<Docker.Container | undefined> {
  if (Context.current().info.attempt > 1) return undefined;
  const container = deps.docker.getContainer(name);
  try {
    const r = await execIn(container, ['rm', '/tmp/loom-prepared'], { timeoutSec: 30, maxOutputBytes: 4096 });
    return r.exitCode === 0 ? container : undefined;
  } catch {
    return undefined;
  }
}

/** A fresh sealed container holding the base on the lab branch, and program.md in the Lab user's home. */
async function prepareLabContainer(deps: LoomDeps, input: PrepareLabInput, name: string): Promise<Docker.Container> {
  const { scope } = input;
  const dir = await mkdtemp(join(deps.tmpDir ?? tmpdir(), 'loom-spawn-'));
  try {
    const bundle = join(dir, 'base.bundle');
    // The container starts while the base is bundled.
    const [container, ref] = await Promise.all([
      createSealedContainer(deps.docker, {
        image: scope.labImage ?? deps.labImage,
        name,
        labels: labels(scope.runId, scope.generation, 'lab', scope.repoPath, deps.scope),
        readOnlyMounts: dependencyMounts(scope.repoPath, scope.mounts),
      }),
      commitSource(deps, scope, 'base').then((src) => bundleCommit(src, input.baseSha, `${scope.runId}-${scope.candidate ? `c${scope.candidate}-` : ''}base`, bundle)),
    ]);
    // One archive: the base and the task.
    await putFiles(container, '/tmp', [{ name: 'base.bundle', content: await readFile(bundle) }, { name: 'program.md', content: labProgram(input.program) }]);
    // Mounted and installed dependencies are not the Lab's to commit.
    const mountExcludes = [...scope.mounts.map((m) => `/${m.replace(/^\/+|\/+$/g, '')}/`), ...scope.setupPaths.map((p) => `/${p}`)];
    await execOk(container, ['bash', '-c', PREPARE_SCRIPT, 'prepare', ref, input.baseRef, input.labBranch, input.baseSha, ...mountExcludes]);
    return container;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
