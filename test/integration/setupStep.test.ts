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

/** The package as `npm pack` makes it, and a registry that serves it and counts what it was asked. */
async function startRegistry(dir: string): Promise<Registry> {
  const pkgDir = join(dir, 'pkg');
  mkdirSync(pkgDir, { recursive: true });
  writeFileSync(join(pkgDir, 'package.json'), JSON.stringify({ name: PACKAGE, version: '1.0.0', main: 'index.js', license: 'MIT' }));
  writeFileSync(join(pkgDir, 'index.js'), PAD_SOURCE);
  const file = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: pkgDir, encoding: 'utf8' }).trim().split('\n').pop()!;
  const tarball = readFileSync(join(dir, file));
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    hits.set(req.url ?? '', (hits.get(req.url ?? '') ?? 0) + 1);
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    if (req.url === `/${PACKAGE}`) {
      const dist = { tarball: `${base}/${PACKAGE}/-/${file}`, shasum: createHash('sha1').update(tarball).digest('hex'), integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}` };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ name: PACKAGE, 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': { name: PACKAGE, version: '1.0.0', main: 'index.js', dist } } }));
    } else if (req.url === `/${PACKAGE}/-/${file}`) res.end(tarball);
    else res.writeHead(404).end('{}');
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
async function padRepo(dir: string, registry: string): Promise<string> {
  const repo = join(dir, 'padcalc');
  mkdirSync(join(repo, 'src'), { recursive: true });
  mkdirSync(join(repo, 'test'), { recursive: true });
  writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'padcalc', version: '1.0.0', private: true, type: 'module', scripts: { test: 'node --test' }, dependencies: { [PACKAGE]: '1.0.0' } }, null, 2) + '\n');
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
  const tarballHits = () => [...registry.hits].filter(([u]) => u.includes('/-/')).reduce((n, [, k]) => n + k, 0);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'loom-setup-test-'));
    registry = await startRegistry(dir);
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
});
