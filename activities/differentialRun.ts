// The differential check's calls (verify/differential.ts says why), in the container where
// the held-out run just ended: the Lab's source as checked out there, and the base's code in
// a worktree beside it, each called by Loom's harness in a process of its own, as the Lab
// user, with every process it leaves killed after it.
import type Docker from 'dockerode';
import { readFileSync } from 'node:fs';
import { putRootFiles } from '../lab/labContainer';
import { newReportDir, runTestCommand } from '../lab/verifyRun';
import { differentialLanguage, MIN_CALLS, type DifferentialAnswers, type DifferentialTarget } from '../verify/differential';
import { runEnvironment } from '../verify/runEnvironment';
import { keptPaths, resetTo } from './probeRun';

const JS_HARNESS = readFileSync(new URL('../verify/differentialHarness.mjs', import.meta.url), 'utf8');
const PY_HARNESS = readFileSync(new URL('../verify/differential_harness.py', import.meta.url), 'utf8');

export interface DifferentialRunInput {
  sha: string;
  baseSha: string;
  targets: DifferentialTarget[];
  mounts?: string[];
  setupPaths?: string[];
}

export interface DifferentialRunResult {
  base: DifferentialAnswers[];
  lab: DifferentialAnswers[];
  durationMs: number;
}

const BASE_TREE = '/tmp/loom-differential-base';

export async function differentialRun(container: Docker.Container, input: DifferentialRunInput): Promise<DifferentialRunResult> {
  const started = Date.now();
  const byLanguage = { js: input.targets.filter((t) => differentialLanguage(t.file) === 'js'), python: input.targets.filter((t) => differentialLanguage(t.file) === 'python') };
  const specs = (['base', 'lab'] as const).flatMap((side) =>
    (['js', 'python'] as const).filter((l) => byLanguage[l].length).map((l) => ({ side, lang: l, name: `loom/differential/${side}-${l}.json`, content: JSON.stringify({ root: side === 'base' ? BASE_TREE : '/workspace', targets: byLanguage[l], minCalls: MIN_CALLS }) })),
  );
  await putRootFiles(container, '/', [{ name: 'loom/differential/harness.mjs', content: JS_HARNESS }, { name: 'loom/differential/harness.py', content: PY_HARNESS }, ...specs.map((s) => ({ name: s.name, content: s.content }))]);
  // The Lab's source where the held-out run had it; the base's in a worktree beside it, with the same installed dependencies.
  const setup = `${resetTo(input.sha, keptPaths(input.mounts, input.setupPaths), true)} && git worktree add -q -f --detach ${BASE_TREE} ${input.baseSha} && for d in node_modules .venv; do [ -e "$d" ] && ln -s "$PWD/$d" ${BASE_TREE}/$d; done; true`;
  const answers: Record<'base' | 'lab', DifferentialAnswers[]> = { base: [], lab: [] };
  // The base answers first: the Lab's code, once it has run, could write into the base's worktree.
  const ordered = [...specs.filter((x) => x.side === 'base'), ...specs.filter((x) => x.side === 'lab')];
  for (const [k, s] of ordered.entries()) {
    const reportDir = newReportDir();
    const answersFile = `${reportDir}/answers.json`;
    const command = s.lang === 'js' ? `node /loom/differential/harness.mjs /${s.name} ${answersFile}` : `PY=python3; [ -x .venv/bin/python ] && PY=.venv/bin/python; "$PY" /loom/differential/harness.py /${s.name} ${answersFile}`;
    const out = await runTestCommand(container, { command, env: runEnvironment({}), timeoutSec: 120, setup: k === 0 ? setup : undefined, maxOutputBytes: 16 * 1024 }, reportDir);
    if (out.setupFailed) throw new Error(`the differential check could not be set up: ${out.setupFailed}`);
    let parsed: DifferentialAnswers[] = [];
    try {
      parsed = JSON.parse(out.reports['answers.json'] ?? '[]') as DifferentialAnswers[];
    } catch {
      parsed = [];
    }
    // A harness that wrote nothing (it timed out, or the code ended the process) answered nothing.
    const why = out.timedOut ? 'the calls did not finish within 120 s' : `the harness wrote no answers (exit ${out.exitCode})`;
    answers[s.side].push(...byLanguage[s.lang].map((t) => parsed.find((a) => a.file === t.file && a.name === t.name) ?? { file: t.file, name: t.name, answers: [], error: why }));
  }
  return { ...answers, durationMs: Date.now() - started };
}
