import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import { searchAttributeFlags } from '../generation/searchAttributes';
import { temporalBin } from '../provision/state';

export interface DevServer {
  address: string;
  uiUrl: string;
  pid: number;
  /** True when this call started it; false when one was already answering. */
  started: boolean;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  /** Folder for the SQLite file, log and pidfile. */
  dir: string;
  port: number;
  uiPort: number;
  /** Detach so the server outlives this process (the embedded default for users). */
  detached?: boolean;
  /** How long the server has to answer on its port after starting (60 s). */
  startTimeoutMs?: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export function portAnswers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not answer within ${timeoutMs / 1000}s`);
}

function killPid(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  await waitFor(async () => !alive(), timeoutMs, `Temporal dev server pid ${pid} (stopping)`).catch(() => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  });
}

/**
 * The Temporal CLI's dev server with its SQLite file in `dir`: the embedded default.
 * Reuses one that already answers on the port.
 */
export async function ensureDevServer(opts: DevServerOptions): Promise<DevServer> {
  mkdirSync(opts.dir, { recursive: true });
  const address = `127.0.0.1:${opts.port}`;
  const uiUrl = `http://127.0.0.1:${opts.uiPort}`;
  const pidFile = join(opts.dir, 'temporal.pid');
  if (await portAnswers(opts.port)) {
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : 0;
    return { address, uiUrl, pid, started: false, stop: async () => (pid ? (killPid(pid), waitForExit(pid, 10_000)) : undefined) };
  }
  // The CLI picks its HTTP API's port itself, and a port free when picked can be taken before
  // it binds (by this machine's other processes): that start is tried again, not reported.
  let pid = 0;
  for (let attempt = 1; ; attempt++) {
    const logPath = join(opts.dir, 'temporal.log');
    const logStart = existsSync(logPath) ? statSync(logPath).size : 0;
    try {
      pid = await startDevServerOnce(opts, address);
      break;
    } catch (err) {
      const said = existsSync(logPath) ? readFileSync(logPath, 'utf8').slice(logStart) : '';
      if (attempt >= 3 || !/address already in use/.test(said) || (await portAnswers(opts.port))) throw err;
    }
  }
  return {
    address,
    uiUrl,
    pid,
    started: true,
    stop: async () => {
      killPid(pid);
      await waitForExit(pid, 10_000);
    },
  };
}

/** Stops the dev server whose pidfile is in `dir`; returns its pid, or 0 when none ran. */
export async function stopDevServer(dir: string): Promise<number> {
  const pidFile = join(dir, 'temporal.pid');
  if (!existsSync(pidFile)) return 0;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    process.kill(pid, 0);
  } catch {
    return 0;
  }
  killPid(pid);
  await waitForExit(pid, 10_000);
  return pid;
}

/** One start of the dev server; its pid once it answers, or an error naming its log when it exits first. */
async function startDevServerOnce(opts: DevServerOptions, address: string): Promise<number> {
  const pidFile = join(opts.dir, 'temporal.pid');
  const log = openSync(join(opts.dir, 'temporal.log'), 'a');
  const child = spawn(
    temporalBin(),
    [
      'server', 'start-dev',
      '--db-filename', join(opts.dir, 'temporal.db'),
      '--ip', '127.0.0.1',
      '--port', String(opts.port),
      '--ui-port', String(opts.uiPort),
      '--log-level', 'warn',
      // Loom's columns and filters in the Web UI; idempotent on an existing database.
      ...searchAttributeFlags(),
    ],
    { detached: opts.detached ?? false, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  const pid = child.pid!;
  writeFileSync(pidFile, String(pid));
  if (opts.detached) child.unref();
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    await waitFor(async () => {
      if (exited) throw new Error(`the Temporal dev server exited at start; see ${join(opts.dir, 'temporal.log')}`);
      return portAnswers(opts.port);
    }, opts.startTimeoutMs ?? 60_000, `Temporal dev server on ${address}`);
  } catch (err) {
    // A server that never answered is no one's to stop later: it ends here, not after the run.
    if (!exited) child.kill('SIGKILL');
    throw err;
  }
  return pid;
}
