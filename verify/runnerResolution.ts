// Which runner, plugins and configuration a test run gets is decided by the runner's own
// lookup rules, not by a file's name: a change is judged by what those rules find in the
// base's tree and in the Lab's. Whatever they find differently is rejected, named. Pure.
import { parse as parseToml } from 'smol-toml';

export interface ResolutionViolation {
  rule: 'runner-resolution';
  detail: string;
}

const dirOf = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const join = (dir: string, name: string): string => (dir ? `${dir}/${name}` : name);
const ancestors = (dir: string): string[] => {
  const out = [dir];
  while (dir) out.push((dir = dirOf(dir)));
  return out;
};

/** Whether a command runs pytest (`pytest`, `py.test`, `python -m pytest`, through a venv or tox-less wrapper). */
export const runsPytest = (testCommand: string): boolean => /(?:^|[\s/;&|(])(?:py\.test|pytest)(?:\s|$)|-m\s+pytest\b/.test(testCommand);

/**
 * The folder pytest starts its configuration search from: the common ancestor of the paths
 * the command names, else the working folder (the repository's root).
 */
export function pytestStartDir(testCommand: string, isDir: (path: string) => boolean): string {
  const after = testCommand.replace(/^.*?(?:py\.test|pytest)\b/, '');
  const paths = after.split(/\s+/).filter((w) => w && !w.startsWith('-') && !/[;&|<>]/.test(w)).map((w) => w.replace(/::.*$/, '').replace(/^\.\//, '').replace(/\/+$/, ''));
  const dirs = paths.filter((p) => p && p !== '.' && !p.startsWith('/') && !p.includes('..')).map((p) => (isDir(p) ? p : dirOf(p)));
  if (!dirs.length) return '';
  let common = dirs[0]!.split('/');
  for (const d of dirs.slice(1)) {
    const parts = d.split('/');
    let i = 0;
    while (i < common.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.join('/');
}

/**
 * The configuration file pytest would read, by its own discovery: from the start folder up,
 * the first folder holding pytest.ini or .pytest.ini (whatever they say), a pyproject.toml
 * with a [tool.pytest] table, a tox.ini with [pytest], or a setup.cfg with [tool:pytest], in
 * that order within a folder. Undefined when none does.
 */
export function pytestConfigFile(startDir: string, read: (path: string) => string | undefined): string | undefined {
  for (const dir of ancestors(startDir)) {
    for (const name of ['pytest.ini', '.pytest.ini', 'pyproject.toml', 'tox.ini', 'setup.cfg']) {
      const path = join(dir, name);
      const text = read(path);
      if (text === undefined) continue;
      if (name === 'pytest.ini' || name === '.pytest.ini') return path;
      if (name === 'pyproject.toml' && pyprojectConfiguresPytest(text)) return path;
      if (name === 'tox.ini' && /^\s*\[pytest\]\s*$/m.test(text)) return path;
      if (name === 'setup.cfg' && /^\s*\[tool:pytest\]\s*$/m.test(text)) return path;
    }
  }
  return undefined;
}

function pyprojectConfiguresPytest(text: string): boolean {
  try {
    const doc = parseToml(text) as { tool?: { pytest?: unknown } };
    return doc.tool?.pytest !== undefined;
  } catch {
    // pytest refuses a pyproject.toml it cannot parse; the pyproject rule names it.
    return /^\s*\[\s*tool\s*\.\s*["']?pytest/m.test(text);
  }
}

/** pytest settings that change nothing a run does: `markers` only registers names for `-m` and silences the unknown-mark warning. */
export const INERT_PYTEST_KEYS = new Set(['markers']);

/** A pyproject.toml whose pytest table holds inert settings alone. */
function inertPytestTable(text: string | undefined): boolean {
  if (text === undefined) return false;
  try {
    const doc = parseToml(text) as { tool?: { pytest?: { ini_options?: Record<string, unknown> } & Record<string, unknown> } };
    const t = doc.tool?.pytest;
    if (!t) return false;
    const keys = [...Object.keys(t).filter((k) => k !== 'ini_options'), ...Object.keys(t.ini_options ?? {})];
    return keys.every((k) => INERT_PYTEST_KEYS.has(k));
  } catch {
    return false;
  }
}

/**
 * The configuration pytest finds on the Lab's tree must be the file it found on the base's;
 * a pyproject.toml that starts holding only inert settings (a marker's description) is
 * allowed where the base had none: a test whose name it moved would be lost, and rejected.
 */
export function pytestConfigViolations(testCommand: string, base: (path: string) => string | undefined, lab: (path: string) => string | undefined, isDir: (path: string) => boolean): ResolutionViolation[] {
  if (!runsPytest(testCommand)) return [];
  const start = pytestStartDir(testCommand, isDir);
  const was = pytestConfigFile(start, base);
  const now = pytestConfigFile(start, lab);
  if (was === now) return [];
  if (was === undefined && now?.endsWith('pyproject.toml') && inertPytestTable(lab(now))) return [];
  return [{ rule: 'runner-resolution', detail: `pytest would read its configuration from ${now ?? 'no file'} instead of ${was ?? 'none'}, which the base's run used (pytest's own search from ${start || 'the repository root'} upward): the runner's configuration is not the change's to replace` }];
}

const PY_MODULE = /^([A-Za-z_][\w]*)(?:\.py[cw]?|\.[\w-]*\.?(?:so|pyd)|\/__init__\.pyc?)$/;

/**
 * The folders Python looks in first during a pytest run, by pytest's own rules: the
 * working folder (`python -m pytest` puts it first) and, for each test file and conftest.py,
 * the first folder above it that is not a package (pytest's "prepend" import mode inserts it).
 */
export function pytestImportRoots(paths: Iterable<string>): Set<string> {
  const all = new Set(paths);
  const isPackage = (dir: string) => all.has(join(dir, '__init__.py'));
  const roots = new Set<string>(['']);
  for (const p of all) {
    const name = p.slice(p.lastIndexOf('/') + 1);
    if (!/^(?:test_.*|.*_test|conftest)\.py$/.test(name)) continue;
    let dir = dirOf(p);
    while (dir && isPackage(dir)) dir = dirOf(dir);
    roots.add(dir);
  }
  return roots;
}

/**
 * Modules the Lab adds where Python would find them before the installed one of the same
 * name: a `pytest.py` at the root is the runner then, a `json.py` every test's json. And a
 * package's metadata folder (`*.dist-info`, `*.egg-info`) on the path registers entry points,
 * which pytest loads as plugins by itself. `importable` is what the base's interpreter finds
 * outside the workspace (the standard library and what is installed), measured at the baseline.
 */
export function pythonShadowViolations(addedPaths: string[], baseTree: Iterable<string>, labTree: Iterable<string>, importable: ReadonlySet<string>): ResolutionViolation[] {
  const base = new Set(baseTree);
  const roots = pytestImportRoots(labTree);
  const out: ResolutionViolation[] = [];
  const seen = new Set<string>();
  for (const p of addedPaths) {
    for (const root of roots) {
      const prefix = root ? `${root}/` : '';
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const meta = /^([^/]+\.(?:dist-info|egg-info))\//.exec(rest);
      if (meta && !seen.has(meta[1]!)) {
        seen.add(meta[1]!);
        out.push({ rule: 'runner-resolution', detail: `${prefix}${meta[1]} is a package's metadata where Python looks for installed packages during the test run: its entry points would load as pytest plugins by themselves` });
        continue;
      }
      const m = PY_MODULE.exec(rest);
      if (!m || !importable.has(m[1]!)) continue;
      // The base shadowed it already: not this change's doing.
      if ([`${prefix}${m[1]}.py`, `${prefix}${m[1]}/__init__.py`].some((q) => base.has(q))) continue;
      if (seen.has(`${prefix}${m[1]}`)) continue;
      seen.add(`${prefix}${m[1]}`);
      out.push({ rule: 'runner-resolution', detail: `${p} would be imported as \`${m[1]}\` instead of the installed or standard module of that name, because ${root || 'the repository root'} comes first on the test run's module path: give it another name` });
    }
  }
  return out;
}

/** The directives of a go.mod or go.work other than its requirements, one string each ("replace a => ../a", "go 1.22"). */
export function goDirectives(text: string): string[] {
  const out: string[] = [];
  let block: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    if (block) {
      if (line === ')') block = undefined;
      else out.push(`${block} ${line.replace(/\s+/g, ' ')}`);
      continue;
    }
    const open = /^(\w+)\s*\($/.exec(line);
    if (open) {
      block = open[1];
      continue;
    }
    out.push(line.replace(/\s+/g, ' '));
  }
  return out.filter((d) => !/^require\s/.test(d));
}

/** Go versions (1.22, 1.22.3, 1.25rc1) compared by their numbers: negative, zero or positive. */
export function compareGoVersions(a: string, b: string): number {
  const nums = (v: string) => v.split(/[^0-9]+/).filter(Boolean).map(Number);
  const [x, y] = [nums(a), nums(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/**
 * What decides which Go code a test run builds, other than the requirements (the dependency
 * rule judges those): go.mod's directives (go, toolchain, godebug, replace, exclude, tool...)
 * and a go.work that puts go in workspace mode. A changed vendor folder is judged apart
 * (changedVendorRoots, vendorViolations): it must be what `go mod vendor` makes.
 */
export function goResolutionViolations(changed: Array<{ path: string; base?: string; lab?: string }>): ResolutionViolation[] {
  const out: ResolutionViolation[] = [];
  for (const c of changed) {
    const name = c.path.slice(c.path.lastIndexOf('/') + 1);
    if (name === 'go.mod') {
      const was = new Set(goDirectives(c.base ?? ''));
      const now = goDirectives(c.lab ?? '');
      let gone = [...was].filter((d) => !now.includes(d) && !/^module\s/.test(d));
      let added = now.filter((d) => !was.has(d));
      // The go line raised: every module that requires this one must then say at least as much,
      // so its users build with these language rules and GODEBUG defaults or newer ones (which
      // the perturbed run gives the tests already). Lowered, the tests would build with older ones.
      const [up, down] = [added.filter((d) => /^go\s/.test(d)), gone.filter((d) => /^go\s/.test(d))];
      if (up.length === 1 && down.length === 1 && compareGoVersions(up[0]!.slice(3), down[0]!.slice(3)) > 0) {
        added = added.filter((d) => d !== up[0]);
        gone = gone.filter((d) => d !== down[0]);
      }
      if (added.length || gone.length) out.push({ rule: 'runner-resolution', detail: `${c.path}: ${[...added.map((d) => `adds \`${d}\``), ...gone.map((d) => `drops \`${d}\``)].slice(0, 4).join(', ')}: go.mod's directives decide which code and which language version the tests build with` });
    } else if (name === 'go.work' || name === 'go.work.sum') {
      out.push({ rule: 'runner-resolution', detail: `${c.path} ${c.lab === undefined ? 'removed' : c.base === undefined ? 'added' : 'changed'}: a go.work puts go in workspace mode, which decides which modules the tests build` });
    }
  }
  return out;
}
