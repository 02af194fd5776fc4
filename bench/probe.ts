// Probes: Loom's building blocks timed one by one, in process, next to the bare command a
// person would type. They explain the per-step table (where a step's time goes); they are
// not part of the totals. Run alone with `npx tsx bench/probe.ts` (uses a fresh calc repo).
import Anthropic from '@anthropic-ai/sdk';
import Docker from 'dockerode';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createExampleRepo } from '../client/exampleRepo';
import { DEFAULT_MAX_REPO_MB } from '../config/workSettings';
import { bundleCommit, checkBase, fastForward, attachNote, openRepo, refSha, reviewDiff } from '../git/gitWorkspace';
import { createSealedContainer, execIn, getFile, putFiles, removeContainer } from '../lab/labContainer';
import { startScriptedModelServer } from '../model/scriptedModelServer';
import { labImageTag } from '../provision/state';
import { simpleGit } from 'simple-git';
import { SEAL_FLAGS } from './floor';
import { bash, run } from './sh';

export interface ProbeRow {
  what: string;
  loom: string;
  loomMs: number;
  bare: string;
  bareMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function timeIt(n: number, fn: (i: number) => Promise<unknown>, after?: (i: number) => Promise<unknown>): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    xs.push(performance.now() - t);
    await after?.(i);
  }
  return median(xs);
}

/** Times Loom's container, git and model-client building blocks against bare commands, `n` times each. */
export async function runProbes(image: string, n = 7): Promise<ProbeRow[]> {
  const docker = new Docker();
  const tmp = mkdtempSync(join(tmpdir(), 'loom-bench-probe-'));
  const rows: ProbeRow[] = [];
  const add = (what: string, loom: string, loomMs: number, bare: string, bareMs: number) => rows.push({ what, loom, loomMs, bare, bareMs });
  const name = `loom-bench-probe-${process.pid}`;
  const cliName = `${name}-cli`;
  const vars = { SEAL: SEAL_FLAGS, IMAGE: image, CID: cliName, TMP: tmp };
  try {
    const repo = await createExampleRepo('calc', join(tmp, 'calc'));
    const base = (await refSha(repo, 'refs/heads/main'))!;
    const spec = { image, name, labels: { 'loom.bench': 'probe' } };

    // Containers: Loom through the Docker API (dockerode), the floor through the CLI.
    const create = await timeIt(n, () => createSealedContainer(docker, spec), () => removeContainer(docker, name));
    const run_ = await timeIt(n, () => bash(`docker run -d --name "$CID" $SEAL "$IMAGE" sleep infinity >/dev/null`, vars), () => run('docker', ['rm', '-f', cliName]));
    add('start a sealed container', 'createSealedContainer', create, '`docker run -d … sleep infinity`', run_);

    const c = await createSealedContainer(docker, spec);
    await bash(`docker run -d --name "$CID" $SEAL "$IMAGE" sleep infinity >/dev/null`, vars);
    const exec = await timeIt(n, () => execIn(c, ['true'], { timeoutSec: 30, maxOutputBytes: 4096 }));
    const execCli = await timeIt(n, () => bash(`docker exec "$CID" true`, vars));
    add('one command in it (`true`)', 'execIn', exec, '`docker exec <c> true`', execCli);

    // The same exec through the API with no polling: create, start, wait for the stream to end, inspect once.
    const rawExec = await timeIt(n, async () => {
      const e = await c.exec({ Cmd: ['true'], AttachStdout: true, AttachStderr: true, User: '1000:1000' });
      const stream = await e.start({ hijack: true, stdin: false });
      await new Promise<void>((resolve) => {
        stream.on('end', resolve);
        stream.on('close', resolve);
        stream.resume();
      });
      await e.inspect();
    });
    add('one command, bare API', '(dockerode exec, no polling)', rawExec, '', NaN);

    const put = await timeIt(n, (i) => putFiles(c, '/tmp', [{ name: `p${i}`, content: 'x'.repeat(1000) }]));
    writeFileSync(join(tmp, 'p'), 'x'.repeat(1000));
    const cp = await timeIt(n, () => bash(`docker cp -q "$TMP/p" "$CID:/tmp/p"`, vars));
    add('copy a 1 KB file in', 'putFiles', put, '`docker cp`', cp);

    const get = await timeIt(n, () => getFile(c, '/tmp/p0', 1 << 20));
    await bash(`docker cp -q "$TMP/p" "$CID:/tmp/p0"`, vars);
    const cpOut = await timeIt(n, () => bash(`docker cp -q "$CID:/tmp/p0" "$TMP/out"`, vars));
    add('copy a 1 KB file out', 'getFile', get, '`docker cp`', cpOut);

    // A Lab `write` tool call is a staging putArchive plus an exec that moves the file into place.
    const write = await timeIt(n, (i) =>
      putFiles(c, '/tmp', [{ name: `s${i}`, content: 'y' }]).then(() => execIn(c, ['sh', '-c', 'cat "$1" > "$2"; rm -f "$1"', 'sh', `/tmp/s${i}`, `/tmp/w${i}`], { timeoutSec: 30, maxOutputBytes: 4096 })),
    );
    const writeCli = await timeIt(n, (i) => bash(`echo y | docker exec -i "$CID" sh -c 'cat > /tmp/v${i}'`, vars));
    add('the Lab writes a file', 'putFiles + execIn (labShell.writeFile)', write, '`docker exec -i <c> sh -c "cat > f"`', writeCli);

    const rm = await timeIt(1, () => removeContainer(docker, name));
    const rmCli = await timeIt(1, () => run('docker', ['rm', '-f', cliName]));
    add('remove the container', 'removeContainer', rm, '`docker rm -f`', rmCli);

    // Git on the host: Loom through simple-git, the floor as a bare command.
    const rev = await timeIt(n, () => refSha(repo, 'refs/heads/main'));
    const revCli = await timeIt(n, () => run('git', ['-C', repo, 'rev-parse', '--verify', '-q', 'refs/heads/main^{commit}']));
    add('resolve a ref', 'refSha (gitCommand)', rev, '`git rev-parse`', revCli);

    const resolve = await timeIt(n, async () => checkBase(await openRepo(repo), 'main', DEFAULT_MAX_REPO_MB));
    add('resolveBase', 'openRepo + checkBase', resolve, '`git rev-parse`', revCli);

    const bundle = await timeIt(n, (i) => bundleCommit(repo, base, `probe-${i}`, join(tmp, `b${i}.bundle`)));
    const bundleCli = await timeIt(n, (i) => run('git', ['-C', repo, 'bundle', 'create', '-q', join(tmp, `c${i}.bundle`), 'main']));
    add('bundle the base', 'bundleCommit (update-ref, bundle, update-ref -d)', bundle, '`git bundle create f main`', bundleCli);

    // simple-git resolves a command that printed nothing only 50 ms after it exits.
    const silent = await timeIt(n, () => simpleGit({ baseDir: repo }).raw(['update-ref', 'refs/loom/probe', base]));
    const silentCli = await timeIt(n, () => run('git', ['-C', repo, 'update-ref', 'refs/loom/probe', base]));
    add('a git command that prints nothing', "simple-git raw(update-ref), no longer on Loom's path", silent, '`git update-ref`', silentCli);
    await run('git', ['-C', repo, 'update-ref', '-d', 'refs/loom/probe']);

    // Commits to promote (a new file each): made with plumbing, so the worktree is untouched until the fast-forward.
    const blob = (await run('git', ['-C', repo, 'hash-object', '-w', '--stdin'], { input: 'export const probe = 1;\n' })).stdout.trim();
    const listing = (await run('git', ['-C', repo, 'ls-tree', base])).stdout;
    const tree = (await run('git', ['-C', repo, 'mktree'], { input: `${listing}100644 blob ${blob}\tprobe.js\n` })).stdout.trim();
    const commits: string[] = [];
    for (let i = 0; i < n; i++) commits.push((await run('git', ['-C', repo, 'commit-tree', tree, '-p', base, '-m', `probe ${i}`])).stdout.trim());
    const reset = () => run('git', ['-C', repo, 'reset', '-q', '--hard', base]);
    const diff = await timeIt(n, (i) => reviewDiff(repo, base, commits[i]!));
    const diffCli = await timeIt(n, (i) => run('git', ['-C', repo, 'diff', base, commits[i]!]));
    add('diff base..lab', 'reviewDiff', diff, '`git diff`', diffCli);
    const ff = await timeIt(n, (i) => fastForward(repo, 'main', base, commits[i]!), reset);
    const note = await timeIt(n, (i) => attachNote(repo, commits[i]!, '# probe\n'));
    const merge = await timeIt(n, (i) => run('git', ['-C', repo, 'merge', '--ff-only', '-q', commits[i]!]), reset);
    add('promote (checked-out main)', 'fastForward', ff, '`git merge --ff-only`', merge);
    add('attach the git note', 'attachNote', note, '', NaN);

    // The model client: one zero-latency request through the real SDK.
    const model = await startScriptedModelServer({ lab: Array.from({ length: n }, () => ({ text: 'ok' })) });
    try {
      const client = new Anthropic({ apiKey: 'scripted', baseURL: model.baseUrl('lab'), maxRetries: 0 });
      const req = await timeIt(n, () => client.messages.create({ model: 'claude-opus-4-6', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }));
      add('one model turn (zero latency)', 'Anthropic SDK → scripted server', req, '', NaN);
    } finally {
      await model.close();
    }
    return rows;
  } finally {
    await removeContainer(docker, name).catch(() => false);
    await run('docker', ['rm', '-f', cliName]).catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('probe.ts')) {
  runProbes(labImageTag()).then(
    (rows) => {
      for (const r of rows) console.log(`${r.what.padEnd(30)} ${r.loom.padEnd(48)} ${r.loomMs.toFixed(1).padStart(7)} ms   ${r.bare.padEnd(40)} ${Number.isNaN(r.bareMs) ? '' : `${r.bareMs.toFixed(1).padStart(7)} ms`}`);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
