// The commands that steer: pause, resume and stop a loop; reap leftovers; the dev server; a worker.
import Docker from 'dockerode';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { temporalConfigFromEnv, workflowIsRunning } from '../config/temporalConfig';
import { reapOrphans } from '../lab/reaper';
import { LOOM_ROOT, STATE_DIR } from '../provision/state';
import { runWorker, scopeOf } from '../worker/worker';
import { effectiveConfig, REPO, repoFrom, withClient } from './cliArgs';
import { ensureDevServer, stopDevServer } from './devServer';
import { loopHandle } from './loops';

export async function signal(name: 'pause' | 'resume' | 'stop', args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: REPO });
  const repo = await repoFrom(values.repo, name);
  return withClient(async (client) => {
    await loopHandle(client, repo).signal(name);
    const effect = { pause: 'pauses after the current step', resume: 'resumes', stop: 'stops after the current generation' }[name];
    console.log(`the loop of ${repo} ${effect}`);
    return 0;
  });
}

export async function reap(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { 'grace-seconds': { type: 'string', default: '60' } } });
  const grace = Number(values['grace-seconds']);
  if (!(grace >= 0)) throw new Error(`--grace-seconds must be a number of seconds, got "${values['grace-seconds']}"`);
  const scope = scopeOf(temporalConfigFromEnv(process.env));
  return withClient(async (client) => {
    const r = await reapOrphans(new Docker(), (id) => workflowIsRunning(client, id), grace * 1000, Date.now(), scope);
    console.log(`removed ${r.removed.length} orphaned container(s)${r.removed.length ? `: ${r.removed.join(', ')}` : ''}; kept ${r.kept.length} owned by running (or just-started) workflows`);
    return 0;
  });
}

export async function server(args: string[]): Promise<number> {
  const config = temporalConfigFromEnv(process.env);
  const port = Number(config.address.split(':')[1]);
  const opts = { dir: join(STATE_DIR, 'temporal'), port, uiPort: effectiveConfig(undefined, {}).uiPort.value, detached: true };
  if (args[0] === 'start') {
    const s = await ensureDevServer(opts);
    console.log(`Temporal dev server ${s.started ? 'started' : 'already running'} at ${s.address} (pid ${s.pid}); Web UI ${s.uiUrl}`);
    return 0;
  }
  if (args[0] === 'stop') {
    const pid = await stopDevServer(opts.dir);
    console.log(pid ? `Temporal dev server (pid ${pid}) stopped` : 'no Temporal dev server of Loom was running');
    return 0;
  }
  throw new Error('server needs start or stop');
}

/** The production-shaped Temporal (PostgreSQL-backed server built from Temporal's Go module), for a person: provision/cluster.sh does the work. */
export async function cluster(args: string[]): Promise<number> {
  const action = args[0];
  if (!action || !['start', 'stop', 'status'].includes(action)) throw new Error('cluster needs start, stop or status: loom cluster start');
  const r = spawnSync('bash', [join(LOOM_ROOT, 'provision', 'cluster.sh'), action], { stdio: 'inherit' });
  if (r.status === 0 && action === 'start') console.log('point Loom at it: export TEMPORAL_ADDRESS=$(cat .loom/cluster-address), then npm run worker and bin/loom run as usual');
  return r.status ?? 1;
}

export async function worker(): Promise<number> {
  await runWorker(process.env);
  return 0;
}
