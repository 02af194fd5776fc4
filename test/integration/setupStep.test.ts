import Docker from 'dockerode';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatRecord } from '../../client/formatRecord';
import { expectPromoted, headSha, reasonOf, runGeneration } from './harness';
import { bash, edit, labScript, MULTIPLY_EDIT, MULTIPLY_TEST } from './scripts';
import { describeWithWorker } from './suite';

// A repository whose dependencies come from its setup command: `npm ci` against a registry
// stand-in on loopback, reachable only from the setup step. The dependency writes a cache
// inside node_modules when loaded, as linters and bundlers do, so every test run needs its
// dependencies writable.

const PACKAGE = 'loom-fixture-pad';
const PAD_SOURCE = `const fs = require('fs');
const path = require('path');
// A cache inside node_modules, as eslint --cache and babel-loader keep one.
const dir = path.join(__dirname, '..', '.cache', '${PACKAGE}');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'loaded'), String(process.pid));
module.exports = (value, width) => String(value).padStart(width, '0');
`;

interface Registry {
  url: string;
  hits: Map<string, number>;
  server: Server;
}

interface Package {
  name: string;
  version: string;
  files: Record<string, string>;
  extra?: Record<string, unknown>;
}

const PAD: Package = { name: PACKAGE, version: '1.0.0', files: { 'index.js': PAD_SOURCE }, extra: { main: 'index.js' } };

// A stand-in for pnpm that hands its work to npm: enough to follow corepack's path (the shim
// in the image, the download in the setup step, the cached copy in the sealed runs).
const FAKE_PNPM: Package = {
  name: 'pnpm',
  version: '9.0.0',
  extra: { bin: { pnpm: 'bin/pnpm.cjs' } },
  files: {
    'bin/pnpm.cjs': `#!/usr/bin/env node
const { spawnSync } = require('child_process');
const [cmd, ...rest] = process.argv.slice(2);
const r = spawnSync('npm', [cmd === 'install' ? 'ci' : cmd, ...rest], { stdio: 'inherit' });
process.exit(r.status === null ? 1 : r.status);
`,
  },
};

/** Packages as `npm pack` makes them, and a registry that serves them and counts what it was asked. */
async function startRegistry(dir: string, packages: Package[]): Promise<Registry> {
  const served = new Map<string, { pkg: Package; file: string; tarball: Buffer }>();
  for (const pkg of packages) {
    const pkgDir = join(dir, 'pkg', pkg.name);
    mkdirSync(pkgDir, { recursive: true });
    writeFileSync(join(pkgDir, 'package.json'), JSON.stringify({ name: pkg.name, version: pkg.version, license: 'MIT', ...pkg.extra }));
    for (const [f, text] of Object.entries(pkg.files)) {
      mkdirSync(join(pkgDir, f, '..'), { recursive: true });
      writeFileSync(join(pkgDir, f), text, { mode: 0o755 });
    }
    const file = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: pkgDir, encoding: 'utf8' }).trim().split('\n').pop()!;
    served.set(pkg.name, { pkg, file, tarball: readFileSync(join(dir, file)) });
  }
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const url = req.url ?? '';
    hits.set(url, (hits.get(url) ?? 0) + 1);
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    // The package document, one version's (what corepack asks for), or the tarball.
    const entry = [...served.values()].find((e) => [`/${e.pkg.name}`, `/${e.pkg.name}/${e.pkg.version}`, `/${e.pkg.name}/-/${e.file}`].includes(url));
    if (!entry) return void res.writeHead(404).end('{}');
    if (url.includes('/-/')) return void res.end(entry.tarball);
    const { pkg, file, tarball } = entry;
    const dist = { tarball: `${base}/${pkg.name}/-/${file}`, shasum: createHash('sha1').update(tarball).digest('hex'), integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}` };
    const version = { name: pkg.name, version: pkg.version, ...pkg.extra, dist };
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(url === `/${pkg.name}` ? { name: pkg.name, 'dist-tags': { latest: pkg.version }, versions: { [pkg.version]: version } } : version));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, hits, server };
}

const CALC = `import pad from '${PACKAGE}';

export function add(a, b) {
  return a + b;
}

export function subtract(a, b) {
  return a - b;
}

/** A zero-padded label, from the dependency. */
export function label(n) {
  return 'item-' + pad(n, 3);
}
`;

const CALC_TEST = `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { add, subtract, label } from '../src/calc.js';

test('add', () => {
  assert.equal(add(2, 3), 5);
});

test('subtract', () => {
  assert.equal(subtract(5, 3), 2);
});

test('label', () => {
  assert.equal(label(7), 'item-007');
});
`;

/** The fixture, its lockfile resolved against the stand-in; node_modules never committed. */
async function padRepo(dir: string, registry: string, name = 'padcalc', manifest: Record<string, unknown> = {}): Promise<string> {
  const repo = join(dir, name);
  mkdirSync(join(repo, 'src'), { recursive: true });
  mkdirSync(join(repo, 'test'), { recursive: true });
  writeFileSync(join(repo, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, type: 'module', scripts: { test: 'node --test' }, dependencies: { [PACKAGE]: '1.0.0' }, ...manifest }, null, 2) + '\n');
  writeFileSync(join(repo, '.gitignore'), 'node_modules/\n');
  writeFileSync(join(repo, 'src/calc.js'), CALC);
  writeFileSync(join(repo, 'test/calc.test.js'), CALC_TEST);
  // Asynchronously: the registry stand-in answers from this same process.
  await promisify(execFile)('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund', `--registry=${registry}`, `--cache=${join(dir, 'npm-cache')}`], { cwd: repo, timeout: 120_000 });
  const g = simpleGit(repo);
  await g.raw(['init', '-q', '-b', 'main']);
  await g.addConfig('user.name', 'Loom Test').addConfig('user.email', 'test@loom.invalid');
  await g.add('.');
  await g.commit('padcalc: initial commit');
  return repo;
}

describeWithWorker('the setup step', 'setupStep', (h) => {
  const docker = new Docker();
  let dir: string;
  let registry: Registry;
  let repo: string;
  const images = new Set<string>();
  const setup = () => `npm ci --no-audit --no-fund --registry=${registry.url}`;
  const tarballHits = (name = PACKAGE) => [...registry.hits].filter(([u]) => u.startsWith(`/${name}/-/`)).reduce((n, [, k]) => n + k, 0);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'loom-setup-test-'));
    registry = await startRegistry(dir, [PAD, FAKE_PNPM]);
    repo = await padRepo(dir, registry.url);
  });
  afterAll(async () => {
    await new Promise((r) => registry?.server.close(r));
    for (const image of images) await docker.getImage(image).remove({ force: true }).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('installs with network before the Lab is sealed; the Lab, its tests and its mutants run with writable dependencies and no network', async () => {
    const probe = bash(`node -e "fetch('${registry.url}/lab-probe').then(() => console.log('reached'), (e) => console.log('sealed', e.cause && e.cause.code))"`);
    const { record } = await runGeneration(h, repo, labScript([probe, MULTIPLY_EDIT, MULTIPLY_TEST]), { settings: { setup: setup() } });
    if (record.setup) images.add(record.setup.image);
    await expectPromoted(repo, record);
    expect(record.setup).toMatchObject({ reused: false, paths: ['node_modules/'], inputs: ['package-lock.json', 'package.json'], changed: [] });
    expect(record.durationsMs.setup).toBeGreaterThan(0);
    // What `loom show` prints of it.
    expect(formatRecord(record)).toMatch(/\n  setup     loom-setup:[0-9a-f]{16}, made \(installs node_modules\/; key from package-lock\.json, package\.json\)\n/);
    // The base's three tests and the Lab's two, the dependency loaded in each run.
    expect(record.tests).toMatchObject({ passed: 5, failed: 0, total: 5 });
    expect(record.verification!.mutation!.killed).toBeGreaterThan(0);
    expect(tarballHits()).toBe(1);
    expect(registry.hits.get('/lab-probe') ?? 0).toBe(0);
    // Nothing installed reached the repository.
    expect(await simpleGit(repo).raw(['ls-tree', '-r', '--name-only', 'main'])).not.toMatch(/node_modules/);
  });

  it('reuses the snapshot while the lockfiles stay the same, and rejects a Lab that changes what is installed', async () => {
    const base = await headSha(repo);
    const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    const locked = `"node_modules/${PACKAGE}": {\n      "version": "${lock.packages[`node_modules/${PACKAGE}`]!.version}",`;
    const steps = [
      edit('package-lock.json', locked, locked.replace('1.0.0', '1.0.1')),
      // An installed file patched and committed past the ignore rules.
      bash(`echo "module.exports = () => 'item-007';" > node_modules/${PACKAGE}/index.js && git add -f node_modules/${PACKAGE}/index.js`),
      MULTIPLY_EDIT,
    ];
    const { record } = await runGeneration(h, repo, labScript(steps), { settings: { setup: setup() } });
    expect(record.setup).toMatchObject({ reused: true, paths: ['node_modules/'] });
    expect(record.outcome, reasonOf(record)).toMatchObject({ kind: 'rejected', stage: 'checkChange' });
    expect(reasonOf(record)).toMatch(/new-dependency: package-lock\.json gains 1 line .*never tested/);
    expect(reasonOf(record)).toContain(`protected: node_modules/${PACKAGE}/index.js is inside node_modules/, which the setup step installs`);
    expect(tarballHits()).toBe(1);
    expect(await headSha(repo)).toBe(base);
  });

  it('a setup command that fails stops the generation at setup, with its output and the fix', async () => {
    const { record } = await runGeneration(h, repo, labScript([MULTIPLY_EDIT]), { settings: { setup: `echo "ERR! 404 no such package" >&2; exit 3` } });
    expect(record.outcome).toMatchObject({ kind: 'failed', stage: 'setup' });
    expect(reasonOf(record)).toMatch(/the setup command `echo .*` failed \(exit 3\) on [0-9a-f]{12} in .*, with network: ERR! 404 no such package/);
    expect(reasonOf(record)).toContain('Fix "setup" in loom.config.json');
  });

  it('a test command Loom cannot read is refused before the setup step runs', async () => {
    const { record } = await runGeneration(h, repo, labScript([MULTIPLY_EDIT]), { settings: { setup: 'touch /tmp/setup-ran && exit 3', testCommand: 'npm run nope' } });
    expect(record.outcome).toMatchObject({ kind: 'failed', stage: 'baseline' });
    expect(reasonOf(record)).toMatch(/^Loom cannot read the results of `npm run nope`: `npm run nope` runs a script package\.json does not have \(script "nope"/);
    // The setup never started: no time spent on it, no snapshot.
    expect(record.durationsMs.setup).toBeUndefined();
    expect(record.setup).toBeUndefined();
  });

  it('pnpm through corepack: the setup step fetches the pnpm packageManager names, and the sealed runs use that copy', async () => {
    const pnpmRepo = await padRepo(dir, registry.url, 'pnpmcalc', { packageManager: 'pnpm@9.0.0' });
    // corepack fetches from this registry; the stand-in's pnpm is not signed.
    const setup = `COREPACK_NPM_REGISTRY=${registry.url} COREPACK_INTEGRITY_KEYS=0 npm_config_registry=${registry.url} pnpm install --no-audit --no-fund`;
    const { record } = await runGeneration(h, pnpmRepo, labScript([MULTIPLY_EDIT, MULTIPLY_TEST]), { settings: { setup, testCommand: 'pnpm test' } });
    if (record.setup) images.add(record.setup.image);
    await expectPromoted(pnpmRepo, record);
    expect(record.setup).toMatchObject({ reused: false, paths: ['node_modules/'] });
    expect(record.tests).toMatchObject({ runner: 'node', passed: 5, failed: 0, total: 5, command: expect.stringMatching(/^pnpm test/) });
    expect(tarballHits('pnpm')).toBe(1);
  });

  it("gives the setup command the host's certificate authorities, and neither the snapshot nor the Lab keeps them", async () => {
    const trusting = `test -s "$NODE_EXTRA_CA_CERTS" && test "$SSL_CERT_FILE" = "$NODE_EXTRA_CA_CERTS" && test "$npm_config_cafile" = "$NODE_EXTRA_CA_CERTS" && test -s /tmp/loom-host-ca.jks && test "$JAVA_TOOL_OPTIONS" = "-Djavax.net.ssl.trustStore=/tmp/loom-host-ca.jks -Djavax.net.ssl.trustStoreType=JKS" && ${setup()}`;
    const probe = bash('test ! -e /tmp/loom-host-ca.crt && test ! -e /tmp/loom-host-ca.jks && test -z "${NODE_EXTRA_CA_CERTS:-}${npm_config_cafile:-}${JAVA_TOOL_OPTIONS:-}" && echo clean > ca-clean.txt');
    // A repository of its own, last: the others count the registry's downloads.
    const own = await padRepo(dir, registry.url, 'cacalc');
    const { record } = await runGeneration(h, own, labScript([probe, MULTIPLY_EDIT, MULTIPLY_TEST]), { settings: { setup: trusting } });
    if (record.setup) images.add(record.setup.image);
    await expectPromoted(own, record);
    expect(await simpleGit(own).raw(['show', 'main:ca-clean.txt'])).toBe('clean\n');
  });
});
