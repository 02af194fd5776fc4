// A sealed Lab has no network, so it cannot have installed a dependency it adds: a change
// that needs one was never really tested. Pure: reads the diff and package.json sides.
import type { FileChange } from './diffParse';
import { asRecord, canonical, parseJsonObject } from './protectedSurface';

export interface DependencyViolation {
  rule: 'new-dependency';
  detail: string;
}

const basename = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

const DEP_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'overrides', 'resolutions'];

/** Packages added to or changed in any package.json. */
export function packageDependencyViolations(packageJsons: Record<string, { base?: string; lab?: string }>): DependencyViolation[] {
  const out: DependencyViolation[] = [];
  for (const [path, side] of Object.entries(packageJsons)) {
    const b = parseJsonObject(side.base);
    const l = parseJsonObject(side.lab);
    if (b === 'invalid' || l === 'invalid') continue; // the protected surface reports it
    for (const field of DEP_FIELDS) {
      const bd = asRecord(b?.[field]);
      const ld = asRecord(l?.[field]);
      const changed = Object.keys(ld)
        .filter((name) => canonical(bd[name]) !== canonical(ld[name]))
        .map((name) => (name in bd ? `${name} ${String(bd[name])} -> ${String(ld[name])}` : `${name}@${String(ld[name])}`));
      if (changed.length) out.push({ rule: 'new-dependency', detail: `${path} ${field}: ${changed.join(', ')}` });
    }
  }
  return out;
}

const CARGO_META_KEYS = new Set(['name', 'version', 'edition', 'authors', 'description', 'license', 'rust-version', 'repository', 'readme', 'homepage', 'documentation', 'publish', 'resolver', 'members']);

export function manifestViolations(changes: FileChange[]): DependencyViolation[] {
  const out: DependencyViolation[] = [];
  for (const c of changes) {
    const p = c.newPath;
    if (p === undefined) continue;
    const name = basename(p);
    const found: string[] = [];
    if (/^requirements.*\.txt$/.test(name) || (/\.txt$/.test(name) && p.includes('requirements/'))) {
      for (const l of c.added) {
        const t = l.text.trim();
        if (t === '' || t.startsWith('#')) continue;
        found.push(t.split(/[\s<>=!~;[@]/)[0] || t);
      }
    } else if (name === 'Cargo.toml') {
      // The section of an added line: the last header above it in its hunk, when visible.
      let section: string | undefined;
      let hunk = -1;
      for (const l of c.body) {
        if (l.hunk !== hunk) [hunk, section] = [l.hunk, undefined];
        const t = l.text.trim();
        const h = /^\[([^\]]+)\]/.exec(t);
        if (h && l.kind !== '-') {
          section = h[1];
          continue;
        }
        if (l.kind !== '+') continue;
        const kv = /^([\w-]+)\s*=\s*(.*)$/.exec(t);
        if (!kv) continue;
        const [, key, value] = kv;
        const inDeps = section !== undefined ? /dependencies/.test(section) : undefined;
        const looksLikeDep = /^"[\^~=<>*]*\d/.test(value!) || /^\{.*\b(?:version|path|git)\s*=/.test(value!) || /^\{\s*workspace\s*=/.test(value!);
        if (inDeps === true || (inDeps === undefined && looksLikeDep && !CARGO_META_KEYS.has(key!))) found.push(key!);
      }
    } else if (name === 'go.mod') {
      for (const l of c.added) {
        const m = /^\s*(?:require\s+)?([\w.-]+\.[\w.-]+(?:\/\S*)?)\s+v\d\S*/.exec(l.text);
        if (m && !/^\s*(?:module|go|replace|exclude|retract)\b/.test(l.text)) found.push(m[1]!);
      }
    }
    if (found.length) out.push({ rule: 'new-dependency', detail: `${p}: ${[...new Set(found)].join(', ')}` });
  }
  return out;
}

/** Files a package manager installs exactly from: the setup step installs what the base's say. */
export const LOCKFILES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb', 'poetry.lock', 'Pipfile.lock', 'uv.lock', 'pdm.lock', 'go.sum', 'Cargo.lock', 'Gemfile.lock', 'composer.lock']);
/** Files that say what to install or with which tool version. */
const MANIFESTS = new Set(['package.json', 'pnpm-workspace.yaml', '.yarnrc.yml', '.yarnrc', '.npmrc', '.nvmrc', '.node-version', 'pyproject.toml', 'setup.py', 'setup.cfg', 'Pipfile', '.python-version', 'go.mod', 'go.work', 'Cargo.toml', 'rust-toolchain.toml', 'Gemfile', 'composer.json', '.tool-versions', 'pom.xml', 'maven-wrapper.properties']);

/** A file whose content decides what a setup command installs (outside installed-dependency folders). */
export function isDependencyInput(path: string): boolean {
  if (/(?:^|\/)(?:node_modules|\.venv|venv|vendor|target)\//.test(path)) return false;
  const name = basename(path);
  return LOCKFILES.has(name) || MANIFESTS.has(name) || /^requirements.*\.txt$/.test(name) || (/\.txt$/.test(name) && path.includes('requirements/')) || /(?:^|\/)\.mvn\/(?:extensions\.xml|maven\.config)$/.test(path);
}

/**
 * Lines a change adds to a lockfile: a package entry added or changed. The tests run with
 * what the base's lockfile installed, so what such a change installs was never tested.
 * Removed entries are allowed (a dependency dropped), and so are lines of brackets and
 * commas alone, which a removal reshapes in JSON and YAML.
 */
export function lockfileViolations(changes: FileChange[]): DependencyViolation[] {
  const out: DependencyViolation[] = [];
  for (const c of changes) {
    const p = c.newPath ?? c.oldPath;
    // A binary lockfile (bun.lockb) is refused by the binary-file rule already.
    if (p === undefined || !LOCKFILES.has(basename(p)) || /(?:^|\/)node_modules\//.test(p)) continue;
    const added = c.added.map((l) => l.text.trim()).filter((t) => t !== '' && !/^[\s{}[\](),]*$/.test(t));
    if (added.length) out.push({ rule: 'new-dependency', detail: `${p} gains ${added.length} line${added.length === 1 ? '' : 's'} (${added.slice(0, 2).join(' | ').slice(0, 160)}): the tests ran with what the base's lockfile installs, so what this one would install was never tested` });
  }
  return out;
}
