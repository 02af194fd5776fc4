// What the cluster suite does to the production-shaped Temporal: its processes, its
// database, and the figures it reports.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { LOOM_ROOT, STATE_DIR } from '../../provision/state';
import { afterAll, beforeAll } from 'vitest';
import { pollUntil, ready, removeTempRepos, workerProcess, type WorkerProcess } from '../integration/harness';
import { describeIntegration } from '../integration/suite';

const CLUSTER = join(LOOM_ROOT, 'provision', 'cluster.sh');
const PG_PORT = process.env.LOOM_CLUSTER_PG_PORT || '55432';

export function cluster(action: 'start' | 'stop' | 'restart-postgres'): void {
  const r = spawnSync('bash', [CLUSTER, action], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`provision/cluster.sh ${action} failed: ${r.stdout}${r.stderr}`);
}

export function serverPid(): number {
  return Number(readFileSync(join(STATE_DIR, 'cluster', 'temporal-server.pid'), 'utf8').trim());
}

/** SIGKILL to the Temporal server, as a crash would. */
export function killServer(): number {
  const pid = serverPid();
  process.kill(pid, 'SIGKILL');
  return pid;
}

/** One SQL answer from the cluster's PostgreSQL. */
export function sql(query: string, db = 'temporal'): string {
  return execFileSync('psql', ['-h', '127.0.0.1', '-p', PG_PORT, '-U', 'temporal', '-d', db, '-tAc', query], { env: { ...process.env, PGPASSWORD: process.env.LOOM_CLUSTER_DB_PASSWORD || 'temporal' }, encoding: 'utf8' }).trim();
}

/** Bytes of both of Temporal's databases. */
export function databaseBytes(): number {
  return Number(sql("SELECT pg_database_size('temporal') + pg_database_size('temporal_visibility')"));
}

/** Resident memory of a process and its children (bin/loom runs node under tsx), in MB. */
export function rssMb(pid: number): number {
  const pids = [pid, ...descendants(pid)];
  let kb = 0;
  for (const p of pids) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

export function descendants(pid: number): number[] {
  const r = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  const kids = r.stdout.split('\n').map((l) => Number(l.trim())).filter((n) => n > 0);
  return kids.flatMap((k) => [k, ...descendants(k)]);
}

export async function clusterClient(): Promise<Client> {
  return new Client({ connection: await Connection.connect({ address: ready().temporalAddress }) });
}

/** The server answers again (after a restart), within a bounded wait. */
export async function serverAnswers(client: Client, timeoutMs = 120_000): Promise<void> {
  await pollUntil('the Temporal server to answer', async () => (await client.workflowService.getSystemInfo({}).then(() => true, () => false)) || undefined, timeoutMs, 500);
}

/** Figures the suite measures, printed and kept in .loom/cluster-figures.jsonl for the closing report. */
export function report(name: string, figures: Record<string, unknown>): void {
  mkdirSync(STATE_DIR, { recursive: true });
  appendFileSync(join(STATE_DIR, 'cluster-figures.jsonl'), `${JSON.stringify({ name, at: new Date().toISOString(), ...figures })}\n`);
  console.log(`\n[cluster figures] ${name}: ${JSON.stringify(figures)}\n`);
}

/** A suite with one worker process on its own queue and a client, both gone after it. */
export function describeWithClusterWorker(title: string, name: string, body: (run: { client: Client; worker: WorkerProcess; taskQueue: string }) => void): void {
  describeIntegration(title, () => {
    const run = { taskQueue: `cluster-${name}-${process.pid}` } as { client: Client; worker: WorkerProcess; taskQueue: string };
    beforeAll(async () => {
      run.client = await clusterClient();
      run.worker = workerProcess(run.taskQueue);
      await run.worker.waitFor(`task queue ${run.taskQueue}`);
    });
    afterAll(async () => {
      await run.worker?.crash();
      await run.client?.connection.close();
      removeTempRepos();
    });
    body(run);
  });
}
