import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { DEFAULT_ADDRESS, DEFAULT_TASK_QUEUE } from './temporalConfig';
import type { ModelSettings, VerificationSettings } from '../generation/record';
import { DEFAULT_MODEL } from '../model/modelSettings';

// Loom's configuration in one place. The effective value of each setting comes from the
// first of these that has it: a command-line flag, the environment, the target repo's
// loom.config.json, Loom's default. Every value keeps where it came from, for `loom config`.

export const CONFIG_FILE = 'loom.config.json';

export type Source = 'default' | 'file' | 'env' | 'flag';

export interface Sourced<T> {
  value: T;
  source: Source;
  /** The flag, variable or file the value came from. */
  origin?: string;
}

/** What loom.config.json may hold. */
export interface FileConfig {
  testCommand?: string;
  labImage?: string;
  budgets?: { generations?: number; usd?: number; hours?: number; maxFailures?: number };
  excludeFromReview?: string[];
  mounts?: string[];
  maxTurns?: number;
  baseBranch?: string;
  verification?: VerificationSettings;
}

/** Flags as parsed (strings), only those given. */
export interface ConfigFlags {
  base?: string;
  testCommand?: string;
  generations?: string;
  usd?: string;
  hours?: string;
  maxFailures?: string;
  mounts?: string[];
  maxTurns?: string;
  maxRepoMb?: string;
  primeModel?: string;
  labModel?: string;
}

export interface LoomConfig {
  /** The loom.config.json that was read, if there was one. */
  file?: string;
  testCommand: Sourced<string>;
  baseBranch: Sourced<string>;
  budgets: {
    generations: Sourced<number | undefined>;
    usd: Sourced<number | undefined>;
    hours: Sourced<number | undefined>;
    maxFailures: Sourced<number | undefined>;
  };
  mounts: Sourced<string[]>;
  maxTurns: Sourced<number | undefined>;
  maxRepoMb: Sourced<number | undefined>;
  excludeFromReview: Sourced<string[]>;
  labImage: Sourced<string | undefined>;
  verification: Sourced<VerificationSettings>;
  primeModel: Sourced<string>;
  labModel: Sourced<string>;
  anthropicBaseUrl: Sourced<string | undefined>;
  labApiBase: Sourced<string | undefined>;
  anthropicApiKey: Sourced<string | undefined>;
  labApiKey: Sourced<string | undefined>;
  temporalAddress: Sourced<string>;
  temporalNamespace: Sourced<string>;
  temporalApiKey: Sourced<string | undefined>;
  temporalTlsCert: Sourced<string | undefined>;
  temporalTlsKey: Sourced<string | undefined>;
  taskQueue: Sourced<string>;
  uiPort: Sourced<number>;
  uiUrl: Sourced<string | undefined>;
  testTimeoutSec: Sourced<number>;
  dockerHost: Sourced<string | undefined>;
  /** Lab workers' own task queue, and the git repository both kinds of worker reach. */
  labTaskQueue: Sourced<string | undefined>;
  exchange: Sourced<string | undefined>;
}

export const DEFAULTS = {
  testCommand: 'npm test',
  baseBranch: 'main',
  generations: 3,
  maxFailures: 5,
  maxRepoMb: 2048,
  uiPort: 8233,
  testTimeoutSec: 600,
} as const;

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

// ---------------------------------------------------------------- loom.config.json

type Kind = 'string' | 'positiveInteger' | 'positiveNumber' | 'nonNegativeInteger' | 'stringArray' | 'pathArray' | 'budgets' | 'verification' | 'reportMode';

const FILE_KEYS: Record<keyof FileConfig, { kind: Kind; fix: string }> = {
  testCommand: { kind: 'string', fix: 'a shell command, e.g. "npm test"' },
  labImage: { kind: 'string', fix: 'a Docker image tag, e.g. "loom-lab:3f2a9c0d1e2b"' },
  budgets: { kind: 'budgets', fix: 'an object such as {"generations": 20, "usd": 5}' },
  excludeFromReview: { kind: 'stringArray', fix: 'an array of path globs, e.g. ["dist/**", "*.lock"]' },
  mounts: { kind: 'pathArray', fix: 'an array of folders inside the repository, e.g. ["node_modules"]' },
  maxTurns: { kind: 'positiveInteger', fix: 'a whole number of agent turns above 0, e.g. 40' },
  baseBranch: { kind: 'string', fix: 'a branch name, e.g. "main"' },
  verification: { kind: 'verification', fix: 'an object such as {"report": "junit", "binaryFiles": ["docs/*.png"], "maxMutants": 12}' },
};

const VERIFICATION_KEYS: Record<keyof VerificationSettings, { kind: Kind; fix: string }> = {
  report: { kind: 'reportMode', fix: '"auto" (read the runner\'s report), "junit" (the test command writes JUnit XML into $LOOM_REPORT_DIR) or "exit-code" (no per-test results: lost and skipped tests go unseen)' },
  binaryFiles: { kind: 'stringArray', fix: 'an array of path globs of files that may be binary, e.g. ["assets/**/*.png"]' },
  maxMutants: { kind: 'nonNegativeInteger', fix: 'a whole number of mutants per generation, e.g. 12 (0 turns mutation testing off)' },
};

const BUDGET_KEYS: Record<keyof NonNullable<FileConfig['budgets']>, { kind: Kind; fix: string }> = {
  generations: { kind: 'positiveInteger', fix: 'a whole number of generations above 0, or remove it to use the default (3)' },
  usd: { kind: 'positiveNumber', fix: 'a number of dollars above 0, or remove it for no spending limit' },
  hours: { kind: 'positiveNumber', fix: 'a number of hours above 0, or remove it for no time limit' },
  maxFailures: { kind: 'positiveInteger', fix: 'a whole number above 0, or remove it to use the default (5)' },
};

/** Edit distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest known name, when one is close enough to be a typo. */
export function didYouMean(name: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array ${JSON.stringify(v).slice(0, 60)}`;
  if (typeof v === 'string') return `the string ${JSON.stringify(v.slice(0, 60))}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function checkValue(key: string, kind: Kind, fix: string, v: unknown, problems: string[]): void {
  const bad = (what: string): void => void problems.push(`${key}: ${what}; set it to ${fix}`);
  switch (kind) {
    case 'string':
      if (typeof v !== 'string') bad(`must be a string, got ${describeValue(v)}`);
      else if (!v.trim()) bad('must not be empty');
      return;
    case 'positiveInteger':
    case 'positiveNumber':
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        bad(`must be a number, got ${describeValue(v)}${typeof v === 'string' && Number.isFinite(Number(v)) ? ' (write it without quotes)' : ''}`);
      } else if (v <= 0) bad(`must be above 0, got ${v}`);
      else if (kind === 'positiveInteger' && !Number.isInteger(v)) bad(`must be a whole number, got ${v}`);
      return;
    case 'stringArray':
    case 'pathArray':
      if (!Array.isArray(v)) return bad(`must be an array of strings, got ${describeValue(v)}`);
      v.forEach((item, i) => {
        if (typeof item !== 'string' || !item.trim()) return bad(`item ${i} must be a non-empty string, got ${describeValue(item)}`);
        if (kind === 'pathArray') {
          const rel = posix.normalize(item.replace(/\\/g, '/'));
          if (rel.startsWith('..') || posix.isAbsolute(rel) || rel === '.' || rel === '.git' || rel.startsWith('.git/')) {
            bad(`item ${i} ("${item}") is not a folder inside the repository`);
          }
        }
      });
      return;
    case 'nonNegativeInteger':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) bad(`must be a whole number of 0 or more, got ${describeValue(v)}`);
      return;
    case 'reportMode':
      if (v !== 'auto' && v !== 'junit' && v !== 'exit-code') bad(`must be "auto", "junit" or "exit-code", got ${describeValue(v)}`);
      return;
    case 'budgets':
    case 'verification':
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad(`must be an object, got ${describeValue(v)}`);
      checkObject(v as Record<string, unknown>, kind === 'budgets' ? BUDGET_KEYS : VERIFICATION_KEYS, `${kind}.`, problems);
      return;
  }
}

function checkObject(obj: Record<string, unknown>, keys: Record<string, { kind: Kind; fix: string }>, prefix: string, problems: string[]): void {
  const known = Object.keys(keys);
  for (const [k, v] of Object.entries(obj)) {
    const spec = keys[k];
    if (!spec) {
      const guess = didYouMean(k, known);
      problems.push(`${prefix}${k}: unknown key; ${guess ? `did you mean "${prefix}${guess}"?` : `the known keys are ${known.map((x) => prefix + x).join(', ')}`}`);
      continue;
    }
    checkValue(prefix + k, spec.kind, spec.fix, v, problems);
  }
}

/** Where JSON.parse would fail, with what was expected there (Node 20's messages often lack a position). */
export function jsonSyntaxError(text: string): { line: number; column: number; expected: string } | undefined {
  let i = 0;
  const fail = (expected: string): never => {
    throw Object.assign(new Error(expected), { jsonOffset: i });
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const str = () => {
    i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') return void i++;
      if (c < ' ') fail('a closing quote before the end of the line');
      i += c === '\\' ? 2 : 1;
    }
    fail('a closing quote');
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a double-quoted key');
        str();
        ws();
        if (text[i] !== ':') fail('":" after the key');
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') return void i++;
        fail('"," or "}"');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') return void i++;
        fail('"," or "]"');
      }
    }
    if (c === '"') return str();
    const num = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    num.lastIndex = i;
    const m = num.exec(text);
    if (m) return void (i += m[0].length);
    for (const lit of ['true', 'false', 'null']) if (text.startsWith(lit, i)) return void (i += lit.length);
    fail('a value');
  };
  try {
    value();
    ws();
    if (i < text.length) fail('the end of the file');
    return undefined;
  } catch (err) {
    const offset = (err as { jsonOffset?: number }).jsonOffset;
    if (offset === undefined) throw err;
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const found = text[offset];
    let expected = `expected ${(err as Error).message}`;
    if (found === undefined) expected += ' but the file ended';
    else if ((found === '}' || found === ']') && /,\s*$/.test(before)) expected += ` (a trailing comma before "${found}"?)`;
    else if (found === '/' || found === '#') expected += ' (JSON allows no comments)';
    else if (found === "'") expected += ' (JSON strings take double quotes)';
    return { line, column, expected };
  }
}

/** Parses and checks a loom.config.json text; throws a ConfigError naming the file, each key, the problem and the fix. */
export function parseConfigFile(text: string, path: string): FileConfig {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const at = jsonSyntaxError(text);
    const where = at ? ` at line ${at.line}, column ${at.column}: ${at.expected}` : `: ${(err as Error).message}`;
    throw new ConfigError(`${path} is not valid JSON${where}; fix the syntax, or remove the file to use the defaults`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(`${path} must hold a JSON object such as {"testCommand": "npm test"}, got ${describeValue(data)}`);
  }
  const problems: string[] = [];
  checkObject(data as Record<string, unknown>, FILE_KEYS, '', problems);
  if (problems.length) {
    throw new ConfigError(`${path} has ${problems.length} problem${problems.length === 1 ? '' : 's'} (see the configuration section of README.md):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  return data as FileConfig;
}

/** The repository's loom.config.json, checked; undefined when there is none. */
export function readConfigFile(repo: string): { path: string; config: FileConfig } | undefined {
  const path = join(repo, CONFIG_FILE);
  if (!existsSync(path)) return undefined;
  return { path, config: parseConfigFile(readFileSync(path, 'utf8'), path) };
}

// ---------------------------------------------------------------- layering

function flagNumber(flag: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0) || (integer && !Number.isInteger(n))) throw new ConfigError(`--${flag} must be a positive ${integer ? 'integer' : 'number'}, got "${value}"`);
  return n;
}

function envNumber(env: Env, name: string, check: (n: number) => boolean, fix: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!check(n)) throw new ConfigError(`${name} is "${raw}", which is not ${fix}: correct it, or unset it for the default`);
  return n;
}

/** The first of flag, env, file and default that has a value. */
function pick<T>(layers: { flag?: [string, T | undefined]; env?: [string, T | undefined]; file?: [string, T | undefined]; default?: T }): Sourced<T | undefined> {
  if (layers.flag && layers.flag[1] !== undefined) return { value: layers.flag[1], source: 'flag', origin: layers.flag[0] };
  if (layers.env && layers.env[1] !== undefined) return { value: layers.env[1], source: 'env', origin: layers.env[0] };
  if (layers.file && layers.file[1] !== undefined) return { value: layers.file[1], source: 'file', origin: layers.file[0] };
  return { value: layers.default, source: 'default' };
}

const envStr = (env: Env, name: string): [string, string | undefined] => [name, env[name] || undefined];

export interface LoadOptions {
  /** The target repository (its root); without it no file is read. */
  repo?: string;
  env: Env;
  flags?: ConfigFlags;
  /** The provisioned Lab image, the default of labImage. */
  provisionedLabImage?: string;
}

/** Effective configuration: defaults ← loom.config.json ← environment ← flags. */
export function loadConfig(opts: LoadOptions): LoomConfig {
  const { env } = opts;
  const flags = opts.flags ?? {};
  const read = opts.repo ? readConfigFile(opts.repo) : undefined;
  const f = read?.config ?? {};
  const fp = read?.path ?? CONFIG_FILE;
  const b = f.budgets ?? {};
  const fileOf = <T>(key: string, v: T | undefined): [string, T | undefined] => [`${fp} ${key}`, v];

  const uiPort = envNumber(env, 'LOOM_UI_PORT', (n) => Number.isInteger(n) && n > 0 && n < 65536, 'a port number (1-65535)');
  const testTimeoutSec = envNumber(env, 'LOOM_TEST_TIMEOUT_SEC', (n) => n > 0, 'a number of seconds above 0');
  if (Boolean(env.TEMPORAL_TLS_CERT) !== Boolean(env.TEMPORAL_TLS_KEY)) {
    throw new ConfigError('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: set both paths, or neither');
  }
  const primeModel = pick({ flag: ['--prime-model', flags.primeModel], env: envStr(env, 'LOOM_MODEL'), default: DEFAULT_MODEL }) as Sourced<string>;
  const labModelFromEnv = pick({ flag: ['--lab-model', flags.labModel], env: envStr(env, 'LOOM_LAB_MODEL') });
  const anthropicBaseUrl = pick({ env: envStr(env, 'ANTHROPIC_BASE_URL') });
  const labApiBase = pick({ env: envStr(env, 'LOOM_LAB_API_BASE') });

  return {
    file: read?.path,
    testCommand: pick({ flag: ['--test-command', flags.testCommand], file: fileOf('testCommand', f.testCommand), default: DEFAULTS.testCommand }) as Sourced<string>,
    baseBranch: pick({ flag: ['--base', flags.base], file: fileOf('baseBranch', f.baseBranch), default: DEFAULTS.baseBranch }) as Sourced<string>,
    budgets: {
      generations: pick({ flag: ['--generations', flagNumber('generations', flags.generations, true)], file: fileOf('budgets.generations', b.generations), default: DEFAULTS.generations }),
      usd: pick({ flag: ['--usd', flagNumber('usd', flags.usd, false)], file: fileOf('budgets.usd', b.usd) }),
      hours: pick({ flag: ['--hours', flagNumber('hours', flags.hours, false)], file: fileOf('budgets.hours', b.hours) }),
      maxFailures: pick({ flag: ['--max-failures', flagNumber('max-failures', flags.maxFailures, true)], file: fileOf('budgets.maxFailures', b.maxFailures), default: DEFAULTS.maxFailures }),
    },
    mounts: pick({ flag: ['--mount', flags.mounts?.length ? flags.mounts : undefined], file: fileOf('mounts', f.mounts), default: [] }) as Sourced<string[]>,
    maxTurns: pick({ flag: ['--max-turns', flagNumber('max-turns', flags.maxTurns, true)], file: fileOf('maxTurns', f.maxTurns) }),
    maxRepoMb: pick({ flag: ['--max-repo-mb', flagNumber('max-repo-mb', flags.maxRepoMb, false)], default: DEFAULTS.maxRepoMb }),
    excludeFromReview: pick({ file: fileOf('excludeFromReview', f.excludeFromReview), default: [] }) as Sourced<string[]>,
    labImage: pick({ env: envStr(env, 'LOOM_LAB_IMAGE'), file: fileOf('labImage', f.labImage), default: opts.provisionedLabImage }),
    verification: pick({ file: fileOf('verification', f.verification), default: {} }) as Sourced<VerificationSettings>,
    primeModel,
    // The Lab inherits Prime's model and endpoint unless LOOM_LAB_* says otherwise.
    labModel: labModelFromEnv.value !== undefined ? (labModelFromEnv as Sourced<string>) : { ...primeModel, origin: primeModel.origin ?? "Prime's model" },
    anthropicBaseUrl,
    labApiBase: labApiBase.value !== undefined ? labApiBase : anthropicBaseUrl,
    anthropicApiKey: pick({ env: envStr(env, 'ANTHROPIC_API_KEY') }),
    labApiKey: pick({ env: envStr(env, 'LOOM_LAB_API_KEY') }),
    temporalAddress: pick({ env: envStr(env, 'TEMPORAL_ADDRESS'), default: DEFAULT_ADDRESS }) as Sourced<string>,
    temporalNamespace: pick({ env: envStr(env, 'TEMPORAL_NAMESPACE'), default: 'default' }) as Sourced<string>,
    temporalApiKey: pick({ env: envStr(env, 'TEMPORAL_API_KEY') }),
    temporalTlsCert: pick({ env: envStr(env, 'TEMPORAL_TLS_CERT') }),
    temporalTlsKey: pick({ env: envStr(env, 'TEMPORAL_TLS_KEY') }),
    taskQueue: pick({ env: envStr(env, 'LOOM_TASK_QUEUE'), default: DEFAULT_TASK_QUEUE }) as Sourced<string>,
    uiPort: pick({ env: ['LOOM_UI_PORT', uiPort], default: DEFAULTS.uiPort }) as Sourced<number>,
    uiUrl: pick({ env: envStr(env, 'LOOM_UI_URL') }),
    testTimeoutSec: pick({ env: ['LOOM_TEST_TIMEOUT_SEC', testTimeoutSec], default: DEFAULTS.testTimeoutSec }) as Sourced<number>,
    dockerHost: pick({ env: envStr(env, 'DOCKER_HOST') }),
    labTaskQueue: pick({ env: envStr(env, 'LOOM_LAB_TASK_QUEUE') }),
    exchange: pick({ env: envStr(env, 'LOOM_EXCHANGE') }),
  };
}

/** The models run and generate send (the same as modelSettingsFromEnv, plus any flags). */
export function modelSettingsOf(c: LoomConfig): ModelSettings {
  return { prime: { model: c.primeModel.value, baseURL: c.anthropicBaseUrl.value }, lab: { model: c.labModel.value, baseURL: c.labApiBase.value } };
}

// ---------------------------------------------------------------- showing it

/** A secret shown by its first four characters only: sk-ant-…1234 → sk-a…(masked). */
export function maskSecret(value: string): string {
  return value.length >= 12 ? `${value.slice(0, 4)}…(masked)` : '(masked)';
}

export interface ConfigRow {
  key: string;
  value: string | number | string[] | null;
  source: Source;
  origin?: string;
  /** The file key, variable or flag that sets it. */
  setBy: string;
  /** Why the value may not be the one in effect. */
  note?: string;
}

/** How each setting is set, for rows that show a default. */
const SET_BY: Record<string, string> = {
  testCommand: 'testCommand in the file, --test-command',
  baseBranch: 'baseBranch in the file, --base',
  'budgets.generations': 'budgets.generations in the file, --generations',
  'budgets.usd': 'budgets.usd in the file, --usd',
  'budgets.hours': 'budgets.hours in the file, --hours',
  'budgets.maxFailures': 'budgets.maxFailures in the file, --max-failures',
  mounts: 'mounts in the file, --mount',
  maxTurns: 'maxTurns in the file, --max-turns',
  maxRepoMb: '--max-repo-mb',
  excludeFromReview: 'excludeFromReview in the file',
  labImage: 'LOOM_LAB_IMAGE, labImage in the file',
  verification: 'verification in the file',
  primeModel: 'LOOM_MODEL',
  labModel: 'LOOM_LAB_MODEL',
  anthropicBaseUrl: 'ANTHROPIC_BASE_URL',
  labApiBase: 'LOOM_LAB_API_BASE',
  anthropicApiKey: 'ANTHROPIC_API_KEY',
  labApiKey: 'LOOM_LAB_API_KEY',
  temporalAddress: 'TEMPORAL_ADDRESS',
  temporalNamespace: 'TEMPORAL_NAMESPACE',
  temporalApiKey: 'TEMPORAL_API_KEY',
  temporalTlsCert: 'TEMPORAL_TLS_CERT',
  temporalTlsKey: 'TEMPORAL_TLS_KEY',
  taskQueue: 'LOOM_TASK_QUEUE',
  uiPort: 'LOOM_UI_PORT',
  uiUrl: 'LOOM_UI_URL',
  testTimeoutSec: 'LOOM_TEST_TIMEOUT_SEC',
  dockerHost: 'DOCKER_HOST',
  labTaskQueue: 'LOOM_LAB_TASK_QUEUE',
  exchange: 'LOOM_EXCHANGE',
};

const SECRET: ReadonlySet<string> = new Set(['anthropicApiKey', 'labApiKey', 'temporalApiKey']);
const NOTES: Record<string, string> = {
  anthropicApiKey: "read by the worker, from the worker's environment",
  labApiKey: "read by the worker, from the worker's environment",
  testTimeoutSec: "read by the worker, from the worker's environment",
  labImage: "from the file, sent with each generation; otherwise the worker's own (LOOM_LAB_IMAGE or the provisioned image)",
  excludeFromReview: 'left out of the diff the reviewer reads; still tested and checked',
  verification: 'report: how test results are read; binaryFiles: files that may be binary; maxMutants: mutation testing per generation',
};

/** One row per setting, secrets masked: what `loom config` prints. */
export function configRows(c: LoomConfig): ConfigRow[] {
  const flat: Array<[string, Sourced<unknown>]> = [
    ['testCommand', c.testCommand],
    ['baseBranch', c.baseBranch],
    ['budgets.generations', c.budgets.generations],
    ['budgets.usd', c.budgets.usd],
    ['budgets.hours', c.budgets.hours],
    ['budgets.maxFailures', c.budgets.maxFailures],
    ['mounts', c.mounts],
    ['maxTurns', c.maxTurns],
    ['maxRepoMb', c.maxRepoMb],
    ['excludeFromReview', c.excludeFromReview],
    ['labImage', c.labImage],
    ['verification', { ...c.verification, value: JSON.stringify(c.verification.value) }],
    ['primeModel', c.primeModel],
    ['labModel', c.labModel],
    ['anthropicBaseUrl', c.anthropicBaseUrl],
    ['labApiBase', c.labApiBase],
    ['anthropicApiKey', c.anthropicApiKey],
    ['labApiKey', c.labApiKey],
    ['temporalAddress', c.temporalAddress],
    ['temporalNamespace', c.temporalNamespace],
    ['temporalApiKey', c.temporalApiKey],
    ['temporalTlsCert', c.temporalTlsCert],
    ['temporalTlsKey', c.temporalTlsKey],
    ['taskQueue', c.taskQueue],
    ['uiPort', c.uiPort],
    ['uiUrl', c.uiUrl],
    ['testTimeoutSec', c.testTimeoutSec],
    ['dockerHost', c.dockerHost],
    ['labTaskQueue', c.labTaskQueue],
    ['exchange', c.exchange],
  ];
  return flat.map(([key, s]) => {
    let value = (s.value ?? null) as ConfigRow['value'];
    if (SECRET.has(key) && typeof value === 'string') value = maskSecret(value);
    const row: ConfigRow = { key, value, source: s.source, setBy: SET_BY[key]! };
    if (s.origin) row.origin = s.origin;
    if (NOTES[key]) row.note = NOTES[key];
    return row;
  });
}

function show(v: ConfigRow['value']): string {
  if (v === null) return '(unset)';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '(none)';
  return String(v);
}

/** `loom config` as text: key, value, and where the value came from. */
export function formatConfig(c: LoomConfig, repo?: string): string {
  const rows = configRows(c);
  const width = Math.max(...rows.map((r) => r.key.length));
  const valueWidth = Math.min(40, Math.max(...rows.map((r) => show(r.value).length)));
  const head = repo
    ? c.file
      ? `configuration for ${repo} (file ${c.file})`
      : `configuration for ${repo} (no ${CONFIG_FILE} there: defaults, environment and flags only)`
    : `configuration without --repo (no ${CONFIG_FILE} read: defaults, environment and flags only)`;
  const lines = rows.map((r) => {
    const origin =
      r.source === 'default' ? `default${r.origin ? ` (${r.origin})` : ''}, set with ${r.setBy}` : r.source === 'file' ? 'file' : `${r.source} (${r.origin})`;
    return `  ${r.key.padEnd(width)}  ${show(r.value).padEnd(valueWidth)}  ${origin}${r.note ? `; ${r.note}` : ''}`;
  });
  return [head, ...lines].join('\n');
}
