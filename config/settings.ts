// Every setting Loom has, in one table. The config loader, `loom config`'s rows, the CLI's
// flags, loom.config.json's schema and the WorkSettings each run and generation carries are
// all derived from it, so a new setting is one row here plus the code that uses it.
import { DEFAULT_CHANGE_LIMITS } from '../verify/checkoutPaths';
import { DEFAULT_LAB_TOKENS, DEFAULT_LAB_USD, DEFAULT_MAX_MUTANTS, DEFAULT_MAX_REPO_MB, DEFAULT_MAX_TURNS, DEFAULT_MODEL, DEFAULT_PLANTED_FAULTS, DEFAULT_TEST_TIMEOUT_SEC, MAX_LABS, type VerificationSettings, type WorkSettings } from './workSettings';


/** How a value is written and checked: the same kind reads a flag, a variable and a file key. */
export type Kind = 'text' | 'positiveInteger' | 'positiveNumber' | 'count' | 'port' | 'folders' | 'globs' | 'reportMode' | 'labs' | 'boolean' | 'thinkingTokens';

/**
 * Who reads a setting. work: sent with each run and generation (WorkSettings); loop: the
 * loop's budgets; worker: read by the worker from its own environment; connection: where
 * Temporal and its Web UI are, read by the worker and the loom command alike.
 */
export type Use = 'work' | 'loop' | 'worker' | 'connection';

/** A dotted path to a leaf of T: "models.prime.model", "verification.report". */
type Leaves<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends unknown[] ? K : NonNullable<T[K]> extends object ? `${K}.${Leaves<NonNullable<T[K]>>}` : K;
}[keyof T & string];

export interface Setting {
  /** The name `loom config` shows. */
  key: string;
  kind: Kind;
  use: Use;
  /** Dotted key in loom.config.json. */
  file?: string;
  env?: string;
  /** Command-line flag, without the dashes. */
  flag?: string;
  default?: string | number | boolean | string[];
  /** Without a value of its own, the value of this setting (the Lab inherits Prime's model). */
  inherits?: { key: string; as: string };
  secret?: boolean;
  /** Where a `work` setting goes in WorkSettings. */
  work?: Leaves<WorkSettings>;
  /** Sent with the work only when loom.config.json sets it; the worker's own value applies otherwise. */
  sentOnlyFromFile?: boolean;
  /** What a correct value looks like: the second half of every error message. */
  fix: string;
  /** Shown beside the value by `loom config`. */
  note?: string;
}

// Table order is the order `loom config` prints and loom.config.json's schema lists.
export const SETTINGS = [
  { key: 'testCommand', kind: 'text', use: 'work', file: 'testCommand', flag: 'test-command', default: 'npm test', work: 'testCommand', fix: 'a shell command, e.g. "npm test"' },
  { key: 'setup', kind: 'text', use: 'work', file: 'setup', flag: 'setup', work: 'setup', fix: 'a shell command that installs the dependencies, e.g. "npm ci"', note: 'runs on the base with network before the Lab is sealed; the result is snapshotted, reused while the lockfiles stay the same' },
  { key: 'labImage', kind: 'text', use: 'work', env: 'LOOM_LAB_IMAGE', file: 'labImage', work: 'labImage', sentOnlyFromFile: true, fix: 'a Docker image tag, e.g. "loom-lab:3f2a9c0d1e2b"', note: "from the file, sent with each generation; otherwise the worker's own (LOOM_LAB_IMAGE or the provisioned image)" },
  { key: 'budgets.generations', kind: 'positiveInteger', use: 'loop', file: 'budgets.generations', flag: 'generations', default: 3, fix: 'a whole number of generations above 0, or remove it to use the default (3)' },
  { key: 'budgets.usd', kind: 'positiveNumber', use: 'loop', file: 'budgets.usd', flag: 'usd', fix: 'a number of dollars above 0, or remove it for no spending limit' },
  { key: 'budgets.hours', kind: 'positiveNumber', use: 'loop', file: 'budgets.hours', flag: 'hours', fix: 'a number of hours above 0, or remove it for no time limit' },
  { key: 'budgets.maxFailures', kind: 'positiveInteger', use: 'loop', file: 'budgets.maxFailures', flag: 'max-failures', default: 5, fix: 'a whole number above 0, or remove it to use the default (5)' },
  { key: 'excludeFromReview', kind: 'globs', use: 'work', file: 'excludeFromReview', default: [], work: 'reviewExcludes', fix: 'an array of path globs, e.g. ["dist/**", "*.lock"]', note: 'left out of the diff the reviewer reads; still tested and checked' },
  { key: 'mounts', kind: 'folders', use: 'work', file: 'mounts', flag: 'mount', default: [], work: 'mounts', fix: 'an array of folders inside the repository, e.g. ["node_modules"]' },
  { key: 'budgets.labUsd', kind: 'positiveNumber', use: 'work', file: 'budgets.labUsd', flag: 'lab-usd', default: DEFAULT_LAB_USD, work: 'labBudget.usd', fix: `a number of dollars above 0, e.g. ${DEFAULT_LAB_USD}`, note: "one Lab's spend in a generation; past it the Lab stops and nothing of it is promoted" },
  { key: 'budgets.labTokens', kind: 'positiveInteger', use: 'work', file: 'budgets.labTokens', flag: 'lab-tokens', default: DEFAULT_LAB_TOKENS, work: 'labBudget.tokens', fix: `a whole number of tokens above 0, e.g. ${DEFAULT_LAB_TOKENS}`, note: "one Lab's input and output tokens in a generation" },
  { key: 'budgets.labContextTokens', kind: 'positiveInteger', use: 'work', file: 'budgets.labContextTokens', flag: 'lab-context-tokens', work: 'labBudget.contextTokens', fix: 'a whole number of prompt tokens above 0, e.g. 120000', note: "prompt size past which the Lab's oldest tool results are elided; 60% of the Lab model's context window when unset" },
  { key: 'maxTurns', kind: 'positiveInteger', use: 'work', file: 'maxTurns', flag: 'max-turns', default: DEFAULT_MAX_TURNS, work: 'maxTurns', fix: `a whole number of agent turns above 0, e.g. ${DEFAULT_MAX_TURNS}` },
  { key: 'baseBranch', kind: 'text', use: 'work', file: 'baseBranch', flag: 'base', default: 'main', fix: 'a branch name, e.g. "main"' },
  { key: 'setupRegistries.npm', kind: 'text', use: 'work', file: 'setupRegistries.npm', work: 'setupRegistries.npm', fix: `the path on the worker of an npmrc, e.g. "/etc/loom/npmrc"`, note: "the setup command alone gets this file's registry, scoped registries, proxies and tokens, instead of ~/.npmrc's and the npm_config_ variables" },
  { key: 'setupRegistries.pip', kind: 'text', use: 'work', file: 'setupRegistries.pip', work: 'setupRegistries.pip', fix: `the path on the worker of a pip.conf, e.g. "/etc/loom/pip.conf"`, note: "the setup command alone gets this file's index-url, extra-index-url, trusted-host and proxy, instead of pip's own files' and the PIP_ variables" },
  { key: 'setupRegistries.go', kind: 'text', use: 'work', file: 'setupRegistries.go', work: 'setupRegistries.go', fix: `the path on the worker of a file of go env lines, e.g. "/etc/loom/go.env" (GOPROXY=..., GONOSUMDB=...)`, note: "the setup command alone gets this file's GOPROXY, GONOSUMDB, GOPRIVATE, GOFLAGS and their kin, instead of go's env file's and the worker's environment's" },
  { key: 'setupRegistries.cargo', kind: 'text', use: 'work', file: 'setupRegistries.cargo', work: 'setupRegistries.cargo', fix: `the path on the worker of a cargo config.toml, e.g. "/etc/loom/cargo.toml"`, note: "the setup command alone gets this file's [source], [registries], [registry], [http] and [net] tables, instead of ~/.cargo's config and credentials" },
  { key: 'setupRegistries.maven', kind: 'text', use: 'work', file: 'setupRegistries.maven', work: 'setupRegistries.maven', fix: `the path on the worker of a Maven settings.xml, e.g. "/etc/loom/settings.xml"`, note: "the setup command alone gets this file (Maven 3.9 or later reads it through MAVEN_ARGS), instead of ~/.m2/settings.xml" },
  { key: 'verification.report', kind: 'reportMode', use: 'work', file: 'verification.report', default: 'auto', work: 'verification.report', fix: '"auto" (read the runner\'s report), "junit" (the test command writes JUnit XML into $LOOM_REPORT_DIR) or "exit-code" (no per-test results: lost and skipped tests go unseen)', note: 'how test results are read' },
  { key: 'verification.binaryFiles', kind: 'globs', use: 'work', file: 'verification.binaryFiles', default: [], work: 'verification.binaryFiles', fix: 'an array of path globs of files that may be binary, e.g. ["assets/**/*.png"]', note: 'any other binary file is rejected' },
  { key: 'verification.maxMutants', kind: 'count', use: 'work', file: 'verification.maxMutants', default: DEFAULT_MAX_MUTANTS, work: 'verification.maxMutants', fix: `a whole number of mutants per generation, e.g. ${DEFAULT_MAX_MUTANTS} (0 turns mutation testing off)` },
  { key: 'verification.plantedFaults', kind: 'count', use: 'work', file: 'verification.plantedFaults', default: DEFAULT_PLANTED_FAULTS, work: 'verification.plantedFaults', fix: `a whole number of faults, e.g. ${DEFAULT_PLANTED_FAULTS} (0 plants none)`, note: "faults planted in unchanged code after the held-out run, which the base's tests must still catch" },
  { key: 'verification.perturbedRun', kind: 'boolean', use: 'work', file: 'verification.perturbedRun', default: true, work: 'verification.perturbedRun', fix: 'true or false', note: 'the held-out run once more in another environment (working folder, host, time zone, clock, CI unset), whose verdicts must agree' },
  { key: 'verification.maxChangeFiles', kind: 'positiveInteger', use: 'work', file: 'verification.maxChangeFiles', default: DEFAULT_CHANGE_LIMITS.files, work: 'verification.maxChangeFiles', fix: `a whole number of files above 0, e.g. ${DEFAULT_CHANGE_LIMITS.files}`, note: 'a change touching more files is rejected: too large to review' },
  { key: 'verification.maxChangeMb', kind: 'positiveNumber', use: 'work', file: 'verification.maxChangeMb', default: DEFAULT_CHANGE_LIMITS.megabytes, work: 'verification.maxChangeMb', fix: `a size in MB above 0, e.g. ${DEFAULT_CHANGE_LIMITS.megabytes}`, note: 'a change writing more (added and changed files together) is rejected' },
  { key: 'verification.maxFileMb', kind: 'positiveNumber', use: 'work', file: 'verification.maxFileMb', default: DEFAULT_CHANGE_LIMITS.fileMegabytes, work: 'verification.maxFileMb', fix: `a size in MB above 0, e.g. ${DEFAULT_CHANGE_LIMITS.fileMegabytes}`, note: 'a change with a larger file is rejected' },
  { key: 'maxRepoMb', kind: 'positiveNumber', use: 'work', flag: 'max-repo-mb', default: DEFAULT_MAX_REPO_MB, work: 'maxRepoMb', fix: `a size in MB above 0, e.g. ${DEFAULT_MAX_REPO_MB}` },
  { key: 'labs', kind: 'labs', use: 'work', flag: 'labs', default: 1, work: 'labs', fix: `a whole number from 1 to ${MAX_LABS} (Labs run at once, each in its own container and worker slot)`, note: 'best-of-K: Labs per program.md' },
  { key: 'primeModel', kind: 'text', use: 'work', env: 'LOOM_MODEL', flag: 'prime-model', default: DEFAULT_MODEL, work: 'models.prime.model', fix: 'a model name, e.g. "claude-sonnet-4-6"' },
  { key: 'labModel', kind: 'text', use: 'work', env: 'LOOM_LAB_MODEL', flag: 'lab-model', inherits: { key: 'primeModel', as: "Prime's model" }, work: 'models.lab.model', fix: 'a model name, e.g. "claude-haiku-4-5"' },
  { key: 'thinking.prime', kind: 'thinkingTokens', use: 'work', file: 'thinking.prime', flag: 'prime-thinking', work: 'models.prime.thinkingTokens', fix: 'a whole number of tokens from 1024, e.g. 4096', note: "extended thinking for Prime's reflect and review (they then choose their tool themselves); off when unset" },
  { key: 'thinking.lab', kind: 'thinkingTokens', use: 'work', file: 'thinking.lab', flag: 'lab-thinking', work: 'models.lab.thinkingTokens', fix: 'a whole number of tokens from 1024, e.g. 4096', note: 'extended thinking for the Lab; off when unset' },
  { key: 'anthropicBaseUrl', kind: 'text', use: 'work', env: 'ANTHROPIC_BASE_URL', work: 'models.prime.baseURL', fix: 'an Anthropic-compatible endpoint, e.g. "https://api.anthropic.com"' },
  { key: 'labApiBase', kind: 'text', use: 'work', env: 'LOOM_LAB_API_BASE', inherits: { key: 'anthropicBaseUrl', as: "Prime's endpoint" }, work: 'models.lab.baseURL', fix: 'an Anthropic-compatible endpoint for the Lab' },
  { key: 'anthropicApiKey', kind: 'text', use: 'worker', env: 'ANTHROPIC_API_KEY', secret: true, fix: 'an Anthropic API key' },
  { key: 'labApiKey', kind: 'text', use: 'worker', env: 'LOOM_LAB_API_KEY', secret: true, fix: "an API key for the Lab's endpoint", note: 'for the endpoint the worker names in LOOM_LAB_API_BASE, if it names one' },
  { key: 'temporalAddress', kind: 'text', use: 'connection', env: 'TEMPORAL_ADDRESS', default: '127.0.0.1:7233', fix: 'host:port of the Temporal frontend, e.g. "127.0.0.1:7233"' },
  { key: 'temporalNamespace', kind: 'text', use: 'connection', env: 'TEMPORAL_NAMESPACE', default: 'default', fix: 'a Temporal namespace' },
  { key: 'temporalApiKey', kind: 'text', use: 'connection', env: 'TEMPORAL_API_KEY', secret: true, fix: 'a Temporal Cloud API key (turns TLS on)' },
  { key: 'temporalTls', kind: 'boolean', use: 'connection', env: 'TEMPORAL_TLS', default: false, fix: '"true" or "false"', note: 'on by itself with an API key or a client certificate' },
  { key: 'temporalTlsCert', kind: 'text', use: 'connection', env: 'TEMPORAL_TLS_CERT', fix: "the path of the client certificate (with TEMPORAL_TLS_KEY)" },
  { key: 'temporalTlsKey', kind: 'text', use: 'connection', env: 'TEMPORAL_TLS_KEY', fix: "the path of the client certificate's key (with TEMPORAL_TLS_CERT)" },
  { key: 'taskQueue', kind: 'text', use: 'connection', env: 'LOOM_TASK_QUEUE', default: 'loom', fix: 'a task queue name' },
  { key: 'uiPort', kind: 'port', use: 'connection', env: 'LOOM_UI_PORT', default: 8233, fix: 'a port number (1-65535)' },
  { key: 'uiUrl', kind: 'text', use: 'connection', env: 'LOOM_UI_URL', fix: "the Temporal Web UI's address, e.g. https://temporal.example" },
  { key: 'testTimeoutSec', kind: 'positiveNumber', use: 'worker', env: 'LOOM_TEST_TIMEOUT_SEC', file: 'testTimeoutSec', default: DEFAULT_TEST_TIMEOUT_SEC, work: 'testTimeoutSec', sentOnlyFromFile: true, fix: 'a number of seconds above 0', note: "the file's value travels with the work; otherwise the worker's own (LOOM_TEST_TIMEOUT_SEC or the default)" },
  { key: 'dockerHost', kind: 'text', use: 'worker', env: 'DOCKER_HOST', fix: 'a Docker engine address, e.g. "unix:///var/run/docker.sock"' },
  { key: 'labTaskQueue', kind: 'text', use: 'work', env: 'LOOM_LAB_TASK_QUEUE', work: 'labTaskQueue', fix: "the Lab workers' task queue (with LOOM_EXCHANGE)" },
  { key: 'exchange', kind: 'text', use: 'work', env: 'LOOM_EXCHANGE', work: 'exchange', fix: 'a git repository both kinds of worker reach: a path or URL' },
] as const satisfies readonly Setting[];

export type SettingKey = (typeof SETTINGS)[number]['key'];
type Row<K extends SettingKey> = Extract<(typeof SETTINGS)[number], { key: K }>;

interface KindType {
  text: string;
  positiveInteger: number;
  positiveNumber: number;
  count: number;
  port: number;
  folders: string[];
  globs: string[];
  reportMode: NonNullable<VerificationSettings['report']>;
  labs: number;
  boolean: boolean;
  thinkingTokens: number;
}

/** A setting's value: never undefined when it has a default or inherits one. */
export type SettingValue<K extends SettingKey> = KindType[Row<K>['kind']] | (Row<K> extends { default: unknown } ? never : Row<K> extends { inherits: unknown } ? never : undefined);

export function settingOf(key: SettingKey): Setting {
  return SETTINGS.find((s) => s.key === key)!;
}

/** The flags a command takes: every setting of the given uses that has one. */
export function settingFlags(uses: readonly Use[]): Setting[] {
  return (SETTINGS as readonly Setting[]).filter((s) => s.flag && uses.includes(s.use));
}

/** How each setting is set, in words: "budgets.usd in the file, --usd". */
export function setBy(s: Setting): string {
  return [s.env, s.file && `${s.file} in the file`, s.flag && `--${s.flag}`].filter(Boolean).join(', ');
}
