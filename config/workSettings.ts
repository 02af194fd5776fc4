// What a run carries into each generation (WorkSettings, the models, the verification
// settings) and the defaults every setting falls back to, written once. config/settings.ts
// derives the settings table from these, and generation/ reads them: neither imports the other.
import type { ReportMode } from '../runners/runner';

export const DEFAULT_MODEL = 'claude-sonnet-4-6';
export const DEFAULT_TEST_TIMEOUT_SEC = 600;
export const DEFAULT_MAX_REPO_MB = 2048;
/** One Lab's spend in a generation: a bound in the spirit of the $3 caps minimal agents use. */
export const DEFAULT_LAB_USD = 3;
export const DEFAULT_LAB_TOKENS = 3_000_000;
/** The Lab's agent loop ends after this many turns. */
export const DEFAULT_MAX_TURNS = 40;
export const DEFAULT_MAX_MUTANTS = 12;
export const DEFAULT_PLANTED_FAULTS = 3;
/** A generation's Labs run at once, each holding a worker slot and a container. */
export const MAX_LABS = 8;
/** Heartbeat timeout of the long activities: not a setting of the table, crash tests shorten it. */
export const DEFAULT_HEARTBEAT_TIMEOUT = '2m';

/** Model settings that may travel in workflow history: never an API key. */
export interface RoleModel {
  model: string;
  /** Anthropic-compatible endpoint; undefined means the SDK default (api.anthropic.com). */
  baseURL?: string;
  /** Extended thinking: tokens the model may think per reply (at least 1024); off when unset. */
  thinkingTokens?: number;
}

export interface ModelSettings {
  prime: RoleModel;
  lab: RoleModel;
}

/** A repository's verification settings. */
export interface VerificationSettings {
  /** How test results are read: by runner (default), JUnit XML the command writes, or exit code alone. */
  report?: ReportMode;
  /** Globs of files that may be binary; any other binary file is rejected. */
  binaryFiles?: string[];
  /** Mutants per generation (DEFAULT_MAX_MUTANTS by default); 0 turns the mutation stage off. */
  maxMutants?: number;
  /** Faults planted in unchanged code after the held-out run (DEFAULT_PLANTED_FAULTS by default); 0 plants none. */
  plantedFaults?: number;
  /** The held-out run once more in another environment (on unless false). */
  perturbedRun?: boolean;
  /** Size limits of a change: files it touches, MB it writes, MB of its largest file (DEFAULT_CHANGE_LIMITS by default). */
  maxChangeFiles?: number;
  maxChangeMb?: number;
  maxFileMb?: number;
}

/** What travels with the work from `loom run` / `loom generate` (or a loop's input) before any default is applied. */
export interface WorkSettings {
  models: ModelSettings;
  /** Command run in the verification container, e.g. "npm test". */
  testCommand: string;
  /** Run once on the base, with network, before the Lab is sealed; its result is every container's image. */
  setup?: string;
  /**
   * Files on the worker whose registry settings the setup command gets instead of the tool's
   * own (~/.npmrc, pip.conf, go's env file, ~/.cargo/config.toml, ~/.m2/settings.xml). Paths,
   * never contents: the work travels through workflow history, and the files may hold tokens.
   */
  setupRegistries?: { npm?: string; pip?: string; go?: string; cargo?: string; maven?: string };
  /** Folders of the target repo (e.g. node_modules) mounted read-only into the containers. */
  mounts?: string[];
  /** Limit of the Lab's agent loop. */
  maxTurns?: number;
  /** What one Lab may spend in a generation, checked between its turns, and the prompt size at which its oldest tool results are elided. */
  labBudget?: { usd?: number; tokens?: number; contextTokens?: number };
  /** Largest repository (git objects, MB) Loom copies into its containers. */
  maxRepoMb?: number;
  /** Best-of-K: run this many Labs on the same program.md, at most MAX_LABS. */
  labs?: number;
  /** Best-of-K with a model per Lab; overrides `labs` and models.lab. */
  labModels?: RoleModel[];
  /** Paths (git globs) left out of the reviewer's diff; still tested and checked. */
  reviewExcludes?: string[];
  /** The repository's own Lab image; the worker's provisioned one otherwise. */
  labImage?: string;
  verification?: VerificationSettings;
  /** Lab workers' task queue, when they run apart from Prime's activities. Needs `exchange`. */
  labTaskQueue?: string;
  /** A git repository both kinds of worker reach (path or URL): commits travel through it. */
  exchange?: string;
  /** Seconds the test command may run; the worker's LOOM_TEST_TIMEOUT_SEC otherwise. */
  testTimeoutSec?: number;
  /** Heartbeat timeout of the long activities; short in crash tests. */
  heartbeatTimeout?: string;
}

/**
 * The settings a generation runs under: WorkSettings with every default applied, once, by
 * resolveWorkSettings (config/resolvedSettings.ts). What is still optional has no default:
 * its absence means something (no setup step, the worker's own image or test timeout, one
 * queue, no exchange, a context budget from the Lab model's window).
 */
export interface ResolvedWorkSettings extends Omit<WorkSettings, 'mounts' | 'maxTurns' | 'labBudget' | 'maxRepoMb' | 'labs' | 'reviewExcludes' | 'verification' | 'heartbeatTimeout'> {
  mounts: string[];
  maxTurns: number;
  labBudget: { usd: number; tokens: number; contextTokens?: number };
  maxRepoMb: number;
  labs: number;
  reviewExcludes: string[];
  verification: Required<VerificationSettings>;
  heartbeatTimeout: string;
}
