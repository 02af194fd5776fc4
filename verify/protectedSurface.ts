// Everything that decides how the tests run is outside the Lab's reach: a change to any
// of it is rejected before a test runs, whatever the change claims to do. Pure: the
// caller supplies the changed paths and both sides of every package.json among them.
import { base, commandWords, isAssignment, scriptInvoked, segments } from '../runners/shellWords';
import { parse as parseJsonc } from 'jsonc-parser';
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
  /^\.gitmodules$/,
  /^loom\.config\.json$/,
];

/**
 * Files a developer's tools run without being asked, once the change is on main: editor tasks
 * and launch configurations (a task may run on folder open), dev containers and cloud
 * workspaces (their commands run on the host or at start), shells entering the folder
 * (direnv, mise), git hook managers' configuration, and the Python start-up hooks a
 * repository on the module path supplies.
 */
const RUNS_BY_ITSELF: Array<[RegExp, string]> = [
  [/^(?:.*\/)?\.vscode\/(?:tasks|launch)\.json$/, 'is an editor task or launch configuration (a task can run when the folder opens)'],
  [/\.code-workspace$/, 'is an editor workspace, which can hold tasks that run when it opens'],
  [/^(?:.*\/)?\.idea\/(?:runConfigurations\/|workspace\.xml$|tasks\.xml$|startup\.xml$)|^\.run\//, 'is an IDE run configuration or start-up task'],
  [/^\.fleet\/run\.json$|^\.zed\/tasks\.json$/, 'is an editor task'],
  [/^(?:.*\/)?\.devcontainer(?:\/|\.json$)|^\.gitpod(?:\.yml$|\.Dockerfile$|\/)|^\.replit$|^replit\.nix$|^\.idx\//, 'is a dev-container or cloud-workspace definition, whose commands run on the host or at start'],
  [/^(?:.*\/)?\.envrc$/, 'is a direnv file, which runs when a shell enters the folder'],
  [/^(?:.*\/)?(?:\.?mise(?:\.[\w-]+)?\.toml|\.rtx\.toml|\.mise\/.*|\.config\/mise(?:\.toml|\/.*))$/, 'is mise configuration, whose hooks and tasks run when a shell enters the folder'],
  [/^(?:.*\/)?(?:\.huskyrc(?:\.\w+)?|husky\.config\.\w+|\.lintstagedrc(?:\.\w+)?|lint-staged\.config\.\w+|\.commitlintrc(?:\.\w+)?|commitlint\.config\.\w+|\.overcommit\.yml|\.pre-commit-hooks\.yaml|\.?lefthook(?:-local)?\.(?:json|toml))$/, 'is run by a git hook manager on commit or push'],
  [/^\.config\/(?:husky|lefthook)/, 'is run by a git hook manager on commit or push'],
  [/^(?:.*\/)?(?:sitecustomize|usercustomize)\.py$/, 'runs whenever Python starts with this folder on its path'],
  [/^\.lfsconfig$/, 'configures git-lfs, which git runs on every checkout'],
  [/^(?:.*\/)?(?:binding\.gyp|setup\.py|hatch_build\.py|build\.rs)$/, 'runs when the package is installed or built (npm rebuilds a binding.gyp by itself; pip runs setup.py and build hooks; cargo runs build.rs)'],
];

/**
 * Why a path is protected, or undefined. A path is read as Linux spells it and as a
 * case-insensitive checkout (macOS, Windows) does: there `.VSCode/tasks.json` is the editor's.
 */
export function protectedPath(path: string): string | undefined {
  return protectedAsSpelled(path) ?? protectedAsSpelled(path.normalize('NFC').toLowerCase());
}

function protectedAsSpelled(path: string): string | undefined {
  const runs = RUNS_BY_ITSELF.find(([r]) => r.test(path));
  if (runs) return `${runs[1]}: it would run on a developer's machine without anyone running the tests`;
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

/** Programs that run the file they are given: `node scripts/run.js`, `bash scripts/test.sh`. */
const INTERPRETERS = /^(?:node|nodejs|bash|sh|zsh|dash|python[\d.]*|tsx|ts-node|bun|deno|perl|ruby|php)$/;
/** Options whose value is a file the command loads, runs or is configured by. */
const LOADING = new Set(['--config', '-c', '--require', '-r', '--import', '--loader', '--experimental-loader', '--setupFiles', '--setup-files', '--globalSetup', '--project', '-p', '--rcfile', '--env-file', '--tsconfig', '--config-file', '--configFile', '-exec', '--exec', '-toolexec', '--toolexec']);

/**
 * The files a command runs or is configured by: the program it starts (`./scripts/test.sh`,
 * `node scripts/run.js`, `bash x.sh`), the value of an option that loads or configures
 * (`--config vitest.unit.config.ts`, `--require ./setup.js`), and the Makefile for `make`. A
 * file a tool is only given to read (a linter's or formatter's argument) is not run by it.
 */
export function commandFiles(command: string): Set<string> {
  const out = new Set<string>();
  const add = (w: string) => {
    const t = w.replace(/^\.\//, '').replace(/\/$/, '');
    if (t && /[./]/.test(t) && !t.startsWith('-') && !t.includes('://') && !/[*?]/.test(t)) out.add(t);
  };
  for (const seg of segments(command)) {
    const words = commandWords(seg);
    const first = words[0];
    if (!first) continue;
    if (first.includes('/') || /\.(?:sh|js|mjs|cjs|ts|mts|py)$/.test(first)) add(first);
    if (INTERPRETERS.test(base(first))) {
      // The first word past its options (and deno's `run`) is the file it runs; `python -m x` runs a module.
      for (let i = 1; i < words.length; i++) {
        const w = words[i]!;
        if (w === '-m' || w === '-c' || w === '-e' || w === '--eval' || w === '-p') break;
        if (w.startsWith('-')) {
          if (LOADING.has(w)) i++;
          continue;
        }
        if (base(first) === 'deno' && w === 'run') continue;
        add(w);
        break;
      }
    }
    words.forEach((w, i) => {
      const eq = /^(-{1,2}[\w-]+)=(.+)$/.exec(w);
      if (eq && LOADING.has(eq[1]!)) add(eq[2]!);
      else if (LOADING.has(w) && words[i + 1]) add(words[i + 1]!);
    });
    if (base(first) === 'make') ['Makefile', 'makefile', 'GNUmakefile'].forEach((f) => out.add(f));
  }
  return out;
}

/** The package.json scripts a command runs (`npm test`, `npm run build && node --test`): none for a command that runs no script. */
export function scriptsRun(command: string): string[] {
  return segments(command).flatMap((seg) => {
    const words = seg.slice(seg.findIndex((w) => !isAssignment(w)));
    const s = scriptInvoked(words);
    return s ? [s] : [];
  });
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

/** Scripts npm runs by itself: on install, pack, publish and version, or as the start of a package. */
const LIFECYCLE_SCRIPTS = new Set(['install', 'prepare', 'prepack', 'prepublish', 'prepublishOnly', 'publish', 'pack', 'version', 'dependencies', 'start', 'stop', 'restart', 'test', 'shrinkwrap', 'uninstall']);

/** package.json keys git hook managers read: their commands run on commit, push or merge. */
const HOOK_KEYS = ['husky', 'simple-git-hooks', 'pre-commit', 'pre-push', 'gitHooks', 'ghooks', 'git-hooks', 'yorkie', 'lint-staged', 'commitlint', 'lefthook', 'nano-staged'];

/** package.json keys that configure a runner or a hook manager, pick the package manager or the workspaces a script runs in. */
const RUN_KEYS = ['scripts', 'jest', 'mocha', 'vitest', 'ava', 'c8', 'nyc', 'tap', 'babel', 'jest-junit', 'workspaces', 'packageManager', 'config', ...HOOK_KEYS, 'pnpm'];

export interface ProtectedInput {
  /** Every path the change adds, deletes or modifies (both sides of a rename). */
  changedPaths: string[];
  /** Base and Lab contents of every package.json the change touches (undefined: absent on that side). */
  packageJsons: Record<string, { base?: string; lab?: string }>;
  testCommand: string;
  /** The base's package.json scripts, to find the files the test command runs. */
  baseScripts: Record<string, unknown>;
  /** Base and Lab contents of every editor settings file (.vscode/settings.json) the change touches. */
  editorSettings?: Record<string, { base?: string; lab?: string }>;
  /** What each changed .gitattributes does beyond plain attributes (gitattributesViolations). */
  gitattributes?: ProtectedViolation[];
  /** Base and Lab contents of every .npmrc the change touches: one that changes only quiet keys is not protected. */
  npmrcs?: Record<string, { base?: string; lab?: string }>;
}

/**
 * npm settings that only change what npm prints or how it records a version, or that make it
 * refuse an install on an unsupported engine, never what runs or what is installed: an .npmrc
 * change of these alone is not the runner's setup.
 * Every other key (script-shell, node-options, ignore-scripts, registry, ...) stays protected.
 */
const QUIET_NPMRC_KEYS = new Set(['fund', 'audit', 'audit-level', 'progress', 'loglevel', 'update-notifier', 'color', 'unicode', 'save-exact', 'save-prefix', 'engine-strict', 'message', 'sign-git-tag', 'git-tag-version', 'tag-version-prefix', 'init-author-name', 'init-author-email', 'init-author-url', 'init-license', 'init-version']);

/** The keys whose values differ between two .npmrc files (ini lines `key = value`; `;` and `#` start comments). */
export function npmrcChangedKeys(base: string, lab: string): string[] {
  const read = (text: string) => {
    const out = new Map<string, string>();
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      if (!line || line.startsWith(';') || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      const key = (eq < 0 ? line : line.slice(0, eq)).trim().toLowerCase();
      out.set(key, eq < 0 ? 'true' : line.slice(eq + 1).trim());
    }
    return out;
  };
  const b = read(base);
  const l = read(lab);
  return [...new Set([...b.keys(), ...l.keys()])].filter((k) => b.get(k) !== l.get(k));
}

const quietNpmrcChange = (side: { base?: string; lab?: string } | undefined): boolean => !!side && npmrcChangedKeys(side.base ?? '', side.lab ?? '').every((k) => QUIET_NPMRC_KEYS.has(k));

/**
 * Attributes a .gitattributes line may set without changing what a diff shows or what git
 * runs: line endings, whitespace checks, language statistics, export rules, lockable files.
 * `binary`, `-diff` and `-text` only on files that really are binary (the caller reads them),
 * since on a text file they hide its changes from every rule and the reviewer; anything else
 * (filter, diff and merge drivers, working-tree-encoding) is protected.
 */
const PLAIN_ATTRIBUTE = /^(?:text|text=auto|-?eol=(?:lf|crlf)|eol=(?:lf|crlf)|-?whitespace(?:=[\w,-]+)?|-?linguist-[\w-]+(?:=[\w.-]+)?|export-ignore|export-subst|lockable|-?delta|merge=(?:text|binary|union))$/;
const BINARY_MARK = /^(?:binary|-diff|-text|-merge)$/;

/** The changed lines of a .gitattributes file (both sides), each as its pattern and attributes. */
export function gitattributesLines(base = '', lab = ''): Array<{ pattern: string; attributes: string[] }> {
  const lines = (t: string) => new Set(t.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
  const b = lines(base);
  const l = lines(lab);
  return [...[...l].filter((x) => !b.has(x)), ...[...b].filter((x) => !l.has(x))].map((x) => {
    const [pattern = '', ...attributes] = x.split(/\s+/);
    return { pattern, attributes };
  });
}

/**
 * What a .gitattributes change does beyond plain attributes: a driver, or a text file marked
 * binary. `textFilesMatching` names the text files of the Lab's tree a pattern matches.
 */
export function gitattributesViolations(path: string, changed: Array<{ pattern: string; attributes: string[] }>, textFilesMatching: (pattern: string) => string[]): ProtectedViolation[] {
  const out: ProtectedViolation[] = [];
  for (const { pattern, attributes } of changed) {
    const other = attributes.filter((a) => !PLAIN_ATTRIBUTE.test(a) && !BINARY_MARK.test(a));
    if (other.length) out.push({ rule: 'protected', detail: `${path}: "${pattern} ${attributes.join(' ')}" sets ${other.join(', ')}, which changes what git runs or shows (drivers, encodings, macros)` });
    else if (attributes.some((a) => BINARY_MARK.test(a))) {
      const text = textFilesMatching(pattern);
      if (text.length) out.push({ rule: 'protected', detail: `${path}: "${pattern} ${attributes.join(' ')}" marks text files binary (${text.slice(0, 3).join(', ')}${text.length > 3 ? ', …' : ''}), hiding their changes from the diff` });
    }
  }
  return out;
}

/** Editor settings files: plain settings, except those that name something the editor runs. */
export const isEditorSettings = (path: string): boolean => /(?:^|\/)\.vscode\/settings\.json$/i.test(path);

// A setting whose name says it points the editor at a program, a server, a path to load or an
// environment to run with (python.defaultInterpreterPath, go.alternateTools, typescript.tsdk,
// terminal.integrated.env.linux): the editor runs what it names when the folder opens.
const RUNS_SETTING = /(?:path|paths|tsdk|tools|toolsenvvars|env|environment|executable|command|commands|interpreter|shell|shellargs|args|arguments|server|binary|program|runtime|launcher|profiles?|hooks?|goroot|gopath)$/i;

/** Settings a change adds or alters in an editor settings file that make the editor run something. */
export function editorSettingsViolations(files: Record<string, { base?: string; lab?: string }>): ProtectedViolation[] {
  const out: ProtectedViolation[] = [];
  const read = (text?: string): Record<string, unknown> => asRecord(text === undefined ? {} : parseJsonc(text, [], { allowTrailingComma: true }));
  const runs = (key: string, value: unknown): boolean =>
    key.split('.').some((k) => RUNS_SETTING.test(k)) || (typeof value === 'string' ? /\$\{workspace|(?:^|\s)\.{0,2}\//.test(value) : value && typeof value === 'object' ? Object.entries(value).some(([k, v]) => runs(k, v)) : false);
  for (const [path, side] of Object.entries(files)) {
    const base = read(side.base);
    const lab = read(side.lab);
    for (const [key, value] of Object.entries(lab)) {
      if (canonical(base[key]) !== canonical(value) && runs(key, value)) out.push({ rule: 'protected', detail: `${path} "${key}" names something the editor runs or loads when the folder opens: it would run on a developer's machine without anyone running the tests` });
    }
  }
  return out;
}

export function protectedViolations(input: ProtectedInput): ProtectedViolation[] {
  const out: ProtectedViolation[] = [];
  // The scripts the test command runs, and `test`, which CI and people run to call the package green.
  const closure = [...new Set([...scriptsRun(input.testCommand), 'test'])].flatMap((s) => scriptClosure(s, [input.baseScripts]));
  const bodies = [input.testCommand, ...closure.map((n) => input.baseScripts[n]).filter((b): b is string => typeof b === 'string')];
  const named = new Set(bodies.flatMap((b) => [...commandFiles(b)]));
  for (const p of input.changedPaths) {
    const why = protectedPath(p);
    if (why && basename(p) === '.npmrc' && quietNpmrcChange(input.npmrcs?.[p])) continue;
    if (why) out.push({ rule: 'protected', detail: `${p} ${why}` });
    // A script the test command runs (scripts/test.sh) decides how tests run; a test file it
    // names (npx jest src/a.test.ts) is the evaluation itself, which the held-out run guards.
    else if (named.has(p) && !isTestFile(p) && !isTestSupport(p)) out.push({ rule: 'protected', detail: `${p} is run by the test command \`${input.testCommand}\`` });
  }
  out.push(...editorSettingsViolations(input.editorSettings ?? {}), ...(input.gitattributes ?? []));
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
        // A new script of its own name runs only when someone asks for it, like new code; a
        // changed one may be what CI or a person calls green, and a lifecycle or pre/post
        // script runs by itself.
        const ownNew = (n: string) => bs[n] === undefined && !LIFECYCLE_SCRIPTS.has(n) && !/^(?:pre|post)/.test(n) && !closure.includes(n);
        const names = [...new Set([...Object.keys(bs), ...Object.keys(ls)])].filter((n) => canonical(bs[n]) !== canonical(ls[n]) && !ownNew(n));
        for (const n of names) out.push({ rule: 'protected', detail: `${path} scripts["${n}"] changed from ${JSON.stringify(bs[n] ?? null)} to ${JSON.stringify(ls[n] ?? null)} (scripts decide what npm runs, lifecycle scripts included)` });
      } else out.push({ rule: 'protected', detail: `${path} "${key}" changed (${HOOK_KEYS.includes(key) ? "a git hook manager's commands, which run on commit or push" : key === 'pnpm' ? "pnpm's install settings" : 'it configures how tests run'})` });
    }
  }
  return out;
}
