// What every command shares: reading --repo, numbers and the settings' flags, and a
// Temporal client for the length of one command.
import type { Client } from '@temporalio/client';
import { resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { loadConfig, type ConfigFlags, type LoomConfig } from '../config/loomConfig';
import { settingFlags, type Use } from '../config/settings';
import { connectClient, temporalConfigFromEnv } from '../config/temporalConfig';
import { openRepo } from '../git/gitWorkspace';
import { provisionedLabImage } from '../provision/state';

type Options = NonNullable<ParseArgsConfig['options']>;

export const REPO = { repo: { type: 'string' } } as const;
export const JSON_FLAG = { json: { type: 'boolean', default: false } } as const;

/**
 * parseArgs options for the flags of the settings of these uses. No defaults here: a flag
 * given overrides loom.config.json, and the defaults live in the settings table.
 */
export function settingOptions(uses: readonly Use[]): Options {
  return Object.fromEntries(settingFlags(uses).map((s) => [s.flag!, { type: 'string', ...(s.kind === 'folders' || s.kind === 'globs' ? { multiple: true } : {}) }]));
}

/** Defaults ← the repo's loom.config.json ← environment ← the flags given. */
export function effectiveConfig(repo: string | undefined, flags: ConfigFlags): LoomConfig {
  return loadConfig({ repo, env: process.env, flags, defaults: { labImage: provisionedLabImage() } });
}

/** Bad setting flags are refused before anything else is looked at, the repository included. */
export function checkSettingFlags(flags: ConfigFlags): void {
  loadConfig({ env: {}, flags });
}

export function positiveNumber(flag: string, value: string | undefined, integer = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0) || (integer && !Number.isInteger(n))) throw new Error(`--${flag} must be a positive ${integer ? 'integer' : 'number'}, got "${value}"`);
  return n;
}

export async function repoFrom(value: string | undefined, command: string): Promise<string> {
  if (!value) throw new Error(`${command} needs --repo PATH (the git repository to improve)`);
  return openRepo(resolve(value));
}

/** A Temporal client for one command, closed when it is done. */
export async function withClient<T>(run: (client: Client, taskQueue: string) => Promise<T>): Promise<T> {
  const config = temporalConfigFromEnv(process.env);
  const client = await connectClient(config);
  try {
    return await run(client, config.taskQueue);
  } finally {
    await client.connection.close();
  }
}
