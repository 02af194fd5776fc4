// The effective value of each setting comes from the first of these that has it: a
// command-line flag, the environment, the target repo's loom.config.json, the table's
// default. Every value keeps where it came from, for `loom config`.
import type { Budgets } from '../generation/loop';
import type { ModelSettings } from './workSettings';
import { CONFIG_FILE, ConfigError, fileValue, readConfigFile } from './configFile';
import { flagPhrase, fromText } from './settingKinds';
import { SETTINGS, type Setting, type SettingKey, type SettingValue } from './settings';
import { type WorkSettings } from './workSettings';

export { CONFIG_FILE, ConfigError } from './configFile';

export type Source = 'default' | 'file' | 'env' | 'flag';

export interface Sourced<T> {
  value: T;
  source: Source;
  /** The flag, variable or file the value came from. */
  origin?: string;
}

export type LoomConfig = { [K in SettingKey]: Sourced<SettingValue<K>> } & {
  /** The loom.config.json that was read, if there was one. */
  file?: string;
};

type Env = Record<string, string | undefined>;
type Value = string | number | boolean | string[];

/** Flags as parseArgs gives them, by flag name ("max-turns"): only those given. */
export type ConfigFlags = Record<string, string | string[] | boolean | undefined>;

export interface LoadOptions {
  /** The target repository (its root); without it no file is read. */
  repo?: string;
  env: Env;
  flags?: ConfigFlags;
  /** Defaults known only at run time, e.g. labImage: the provisioned Lab image. */
  defaults?: Partial<Record<SettingKey, Value>>;
}

function flagValue(s: Setting, given: ConfigFlags[string]): Value | undefined {
  if (given === undefined || typeof given === 'boolean') return undefined;
  if (Array.isArray(given)) return given.length ? given : undefined;
  const v = fromText(s.kind, given);
  if (v === undefined) throw new ConfigError(`--${s.flag} must be ${flagPhrase(s.kind, s.fix)}, got "${given}"`);
  return v;
}

function envValue(s: Setting, raw: string | undefined): Value | undefined {
  if (raw === undefined || raw === '') return undefined;
  const v = fromText(s.kind, raw);
  if (v === undefined) throw new ConfigError(`${s.env} is "${raw}", which is not ${s.fix}: correct it, or unset it for the default`);
  return v;
}

/** Effective configuration: defaults ← loom.config.json ← environment ← flags. */
export function loadConfig(opts: LoadOptions): LoomConfig {
  const flags = opts.flags ?? {};
  const read = opts.repo ? readConfigFile(opts.repo) : undefined;
  const path = read?.path ?? CONFIG_FILE;
  const out: Record<string, Sourced<unknown>> = {};
  for (const s of SETTINGS as readonly Setting[]) {
    const fromFlag = s.flag ? flagValue(s, flags[s.flag]) : undefined;
    const fromEnv = s.env ? envValue(s, opts.env[s.env]) : undefined;
    const fromFile = s.file && read ? fileValue(read.config, s.file) : undefined;
    if (fromFlag !== undefined) out[s.key] = { value: fromFlag, source: 'flag', origin: `--${s.flag}` };
    else if (fromEnv !== undefined) out[s.key] = { value: fromEnv, source: 'env', origin: s.env };
    else if (fromFile !== undefined) out[s.key] = { value: fromFile, source: 'file', origin: `${path} ${s.file}` };
    else if (s.inherits) {
      // Without a value of its own, the parent's, saying so (the Lab inherits Prime's model).
      const parent = out[s.inherits.key]!;
      out[s.key] = { ...parent, origin: parent.origin ?? s.inherits.as };
    } else out[s.key] = { value: opts.defaults?.[s.key as SettingKey] ?? s.default, source: 'default' };
  }
  const config = { ...out, file: read?.path } as LoomConfig;
  if (Boolean(config.temporalTlsCert.value) !== Boolean(config.temporalTlsKey.value)) {
    throw new ConfigError('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: set both paths, or neither');
  }
  return config;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts.at(-1)!] = value;
}

/**
 * What run and generate send with the work: every `work` setting, by its place in
 * WorkSettings. Unset values and empty lists are left out; a setting marked
 * sentOnlyFromFile travels only when the repository's file sets it, so that the
 * worker's own value (its environment, its provisioned image) applies otherwise.
 */
export function workSettingsOf(config: LoomConfig): WorkSettings {
  const out: Record<string, unknown> = {};
  for (const s of SETTINGS as readonly Setting[]) {
    if (!s.work) continue;
    const { value, source } = config[s.key as SettingKey] as Sourced<unknown>;
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    if (s.sentOnlyFromFile && source !== 'file') continue;
    setPath(out, s.work, value);
  }
  return out as unknown as WorkSettings;
}

/** The models run and generate send. */
export function modelSettingsOf(config: LoomConfig): ModelSettings {
  return workSettingsOf(config).models;
}

/** The loop's budgets. */
export function budgetsOf(config: LoomConfig): Budgets {
  const hours = config['budgets.hours'].value;
  return {
    maxGenerations: config['budgets.generations'].value,
    maxUsd: config['budgets.usd'].value,
    maxWallClockMs: hours === undefined ? undefined : hours * 3_600_000,
    maxConsecutiveFailures: config['budgets.maxFailures'].value,
  };
}
