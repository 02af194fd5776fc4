// Everything that decides how the tests run is outside the Lab's reach: a change to any
// of it is rejected before a test runs, whatever the change claims to do. Pure: the
// caller supplies the changed paths and both sides of every package.json among them.
import { isCiFile, isTestConfigFile, isTestFile, isTestSupport } from './testPaths';

export interface ProtectedViolation {
  rule: 'protected';
  detail: string;
}

const basename = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/** Package-manager and task-runner settings: they pick the shell, node options, plugins and which scripts run. */
const RUN_CONFIG = [
  /^\.npmrc$/,
  /^\.yarnrc(?:\.yml)?$/,
  /^\.pnpmfile\.c?js$/,
  /^pnpm-workspace\.yaml$/,
  /^\.pnp\.(?:c?js|loader\.mjs)$/,
  /^\.?bunfig\.toml$/,
  /^(?:lerna|nx|turbo)\.json$/,
  /^\.gitattributes$/, // can mark source as binary and hide a diff, or name filter drivers
  /^\.gitmodules$/,
  /^loom\.config\.json$/,
];

/** Why a path is protected, or undefined. */
export function protectedPath(path: string): string | undefined {
  const segments = path.split('/');
  if (segments.slice(0, -1).includes('node_modules') || segments[0] === 'node_modules') {
    return 'is under node_modules/, which npm puts first on PATH and in module resolution: a committed file there replaces an installed tool';
  }
  if (segments[0] === '.yarn') return 'is yarn configuration (plugins and releases run as the package manager)';
  if (RUN_CONFIG.some((r) => r.test(basename(path)))) return basename(path) === 'loom.config.json' ? "is Loom's own configuration (test command, budgets)" : 'decides how the package manager runs scripts';
  if (isTestConfigFile(path)) return 'is test-runner configuration';
  if (isCiFile(path)) return 'is a CI definition or git hook';
  return undefined;
}

/** The package.json script a test command runs: `npm test`/`npm t` -> test, `npm run test:unit` -> test:unit. */
export function scriptOf(testCommand: string): string | undefined {
  const m = /^\s*(?:npm|pnpm|yarn|bun)\s+(?:(?:--?[\w-]+(?:=\S+)?)\s+)*(\S+)(?:\s+(\S+))?/.exec(testCommand);
  if (!m) return undefined;
  const [, verb, arg] = m;
  if (verb === 'test' || verb === 't' || verb === 'tst') return 'test';
  if (verb === 'run' || verb === 'run-script') return arg;
  // `yarn test:unit`, `pnpm test:unit` run scripts directly
  return /^(?:yarn|pnpm|bun)\b/.test(testCommand.trim()) && verb && !['install', 'add', 'exec', 'dlx', 'x'].includes(verb) ? verb : undefined;
}

/** The script, its pre/post hooks and the scripts it runs with `npm run X` (transitively). */
export function scriptClosure(name: string, scripts: Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  const queue = [name];
  while (queue.length) {
    const n = queue.shift()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const hook of [`pre${n}`, `post${n}`]) seen.add(hook);
    for (const s of scripts) {
      for (const key of [n, `pre${n}`, `post${n}`]) {
        const body = s[key];
        if (typeof body !== 'string') continue;
        for (const m of body.matchAll(/\b(?:npm|pnpm|yarn|bun)\s+(?:run(?:-script)?\s+)?([\w:.-]+)/g)) {
          const ref = m[1]!;
          queue.push(ref === 't' ? 'test' : ref);
        }
      }
    }
  }
  return [...seen];
}

/** Paths a command names (`bash scripts/test.sh`, `--config vitest.unit.config.ts`), and the Makefile for `make`. */
export function commandFiles(command: string): Set<string> {
  const out = new Set<string>();
  for (const tok of command.split(/\s+/)) {
    const t = tok.replace(/^--?[\w-]+=/, '').replace(/^\.\//, '').replace(/^['"]|['"]$/g, '');
    if (/[./]/.test(t) && !/^-/.test(t) && !t.includes('://') && !/[*?]/.test(t)) out.add(t.replace(/\/$/, ''));
  }
  if (/^\s*make\b/.test(command)) ['Makefile', 'makefile', 'GNUmakefile'].forEach((f) => out.add(f));
  return out;
}

export function parseJsonObject(text: string | undefined): Record<string, unknown> | undefined | 'invalid' {
  if (text === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : 'invalid';
  } catch {
    return 'invalid';
  }
}

/** Key-order-independent JSON, so reformatting package.json is not a change. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

export const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** package.json keys that configure a runner, pick the package manager or the workspaces a script runs in. */
const RUN_KEYS = ['scripts', 'jest', 'mocha', 'vitest', 'ava', 'c8', 'nyc', 'tap', 'babel', 'jest-junit', 'workspaces', 'packageManager', 'config'];

export interface ProtectedInput {
  /** Every path the change adds, deletes or modifies (both sides of a rename). */
  changedPaths: string[];
  /** Base and Lab contents of every package.json the change touches (undefined: absent on that side). */
  packageJsons: Record<string, { base?: string; lab?: string }>;
  testCommand: string;
  /** The base's package.json scripts, to find the files the test command runs. */
  baseScripts: Record<string, unknown>;
}

export function protectedViolations(input: ProtectedInput): ProtectedViolation[] {
  const out: ProtectedViolation[] = [];
  const closure = scriptClosure(scriptOf(input.testCommand) ?? 'test', [input.baseScripts]);
  const bodies = [input.testCommand, ...closure.map((n) => input.baseScripts[n]).filter((b): b is string => typeof b === 'string')];
  const named = new Set(bodies.flatMap((b) => [...commandFiles(b)]));
  for (const p of input.changedPaths) {
    const why = protectedPath(p);
    if (why) out.push({ rule: 'protected', detail: `${p} ${why}` });
    // A script the test command runs (scripts/test.sh) decides how tests run; a test file it
    // names (npx jest src/a.test.ts) is the evaluation itself, which the held-out run guards.
    else if (named.has(p) && !isTestFile(p) && !isTestSupport(p)) out.push({ rule: 'protected', detail: `${p} is run by the test command \`${input.testCommand}\`` });
  }
  for (const [path, side] of Object.entries(input.packageJsons)) {
    const base = parseJsonObject(side.base);
    const lab = parseJsonObject(side.lab);
    if (base === 'invalid' || lab === 'invalid') {
      if (side.base !== side.lab) out.push({ rule: 'protected', detail: `${path} is not valid JSON on the ${lab === 'invalid' ? "Lab's" : "base's"} side and changed` });
      continue;
    }
    const b = base ?? {};
    const l = lab ?? {};
    for (const key of RUN_KEYS) {
      if (canonical(b[key]) === canonical(l[key])) continue;
      if (key === 'scripts') {
        const bs = asRecord(b.scripts);
        const ls = asRecord(l.scripts);
        const names = [...new Set([...Object.keys(bs), ...Object.keys(ls)])].filter((n) => canonical(bs[n]) !== canonical(ls[n]));
        for (const n of names) out.push({ rule: 'protected', detail: `${path} scripts["${n}"] changed from ${JSON.stringify(bs[n] ?? null)} to ${JSON.stringify(ls[n] ?? null)} (scripts decide what npm runs, lifecycle scripts included)` });
      } else out.push({ rule: 'protected', detail: `${path} "${key}" changed (it configures how tests run)` });
    }
  }
  return out;
}
