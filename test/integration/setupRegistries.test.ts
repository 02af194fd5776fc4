import Docker from 'dockerode';
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LoomDeps } from '../../activities/deps';
import type { WorkSettings } from '../../config/workSettings';
import { expectPromoted, exampleWith, reasonOf, runGeneration } from './harness';
import { bash, edit, labScript, MULTIPLY_EDIT, MULTIPLY_TEST, write } from './scripts';
import { describeWithWorker } from './suite';

// The host's registries in the setup step, as README.md's worked examples set them: npm, pip
// and Go each install from a registry stand-in on loopback that wants a token or a password,
// and whose certificate only a throwaway CA vouches for (SSL_CERT_FILE on the worker). The
// stand-in is the only place the packages exist. The worker's home and environment are the
// suite's own, holding the README's files; the snapshots are searched, every layer, for the secrets.

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

/** README's worked example for a tool: the file on the worker, the setup (and test) command, the text. */
function readmeExample(tool: 'npm' | 'pip' | 'Go'): { file: string; setup: string; testCommand?: string; text: string } {
  const m = new RegExp(`^\\*\\*${tool}\\*\\*, \`([^\`]+)\`[^\\n]*?\`"setup": "([^"]+)"\`(?: and \`"testCommand": "([^"]+)"\`)?:\\n\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``, 'm').exec(README);
  if (!m) throw new Error(`README.md has no worked example for ${tool}`);
  return { file: m[1]!, setup: m[2]!, testCommand: m[3], text: m[4]! };
}

/** A throwaway CA and a certificate for 127.0.0.1 that it signs. */
function makeCertificates(dir: string): { ca: string; key: string; cert: string } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=Loom test registry CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  run('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nauthorityKeyIdentifier=keyid\nsubjectKeyIdentifier=hash\n');
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'server.ext');
  return { ca: join(dir, 'ca.crt'), key: readFileSync(join(dir, 'server.key'), 'utf8'), cert: readFileSync(join(dir, 'server.crt'), 'utf8') };
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest();
/** Go's dirhash h1: the SHA-256 of "hex  name" lines, sorted by name. */
const goHash = (files: Array<[string, string]>) => `h1:${sha256(files.sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, c]) => `${sha256(c).toString('hex')}  ${n}\n`).join('')).toString('base64')}`;

/** Zips made by Python's zipfile (the host has it): a wheel and a Go module zip. */
function zipOf(path: string, files: Record<string, string>): Buffer {
  execFileSync('python3', ['-c', 'import json,sys,zipfile\nwith zipfile.ZipFile(sys.argv[1], "w") as z:\n    for n, c in json.loads(sys.stdin.read()).items(): z.writestr(n, c)', path], { input: JSON.stringify(files) });
  return readFileSync(path);
}

// In each package a marker, which the snapshot must hold: the search for secrets reads what it should.
const MARK = `installed-${randomBytes(4).toString('hex')}`;
// Built at run time, so no file of a repository holds the marker the checks look for.
const SECRET_MARK = ['loom', 'secret'].join('');
const secret = (tool: string) => `${SECRET_MARK}-${tool}-${randomBytes(6).toString('hex')}`;

interface StandIn {
  server: Server;
  host: string;
  hits: Map<string, number>;
  npmSecret: string;
  pipSecret: string;
  goSecret: string;
  goSum: string;
  npmLock: (name: string) => string;
}

/** The registry stand-in: npm's registry API, a PEP 503 simple index and a GOPROXY, each wanting its credentials. */
async function startStandIn(dir: string): Promise<StandIn> {
  const { key, cert } = makeCertificates(dir);
  const npmSecret = secret('npm');
  const pipSecret = secret('pip');
  const goSecret = secret('go');

  const pkg = join(dir, 'npm', 'package');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'corp-pad', version: '1.0.0', main: 'index.js', license: 'MIT' }));
  writeFileSync(join(pkg, 'index.js'), `// ${MARK}\nmodule.exports = (v, n) => String(v).padStart(n, '0');\n`);
  execFileSync('tar', ['-czf', 'corp-pad-1.0.0.tgz', 'package'], { cwd: join(dir, 'npm') });
  const tarball = readFileSync(join(dir, 'npm', 'corp-pad-1.0.0.tgz'));
  const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;

  const dist = 'corp_pad-1.0.0.dist-info';
  const wheelFiles: Record<string, string> = {
    'corp_pad/__init__.py': `# ${MARK}\ndef pad(v, n):\n    return str(v).zfill(n)\n`,
    [`${dist}/METADATA`]: 'Metadata-Version: 2.1\nName: corp-pad\nVersion: 1.0.0\n',
    [`${dist}/WHEEL`]: 'Wheel-Version: 1.0\nGenerator: loom-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
  };
  wheelFiles[`${dist}/RECORD`] = Object.entries(wheelFiles).map(([n, c]) => `${n},sha256=${sha256(c).toString('base64url')},${Buffer.byteLength(c)}\n`).join('') + `${dist}/RECORD,,\n`;
  const wheelName = 'corp_pad-1.0.0-py3-none-any.whl';
  const wheel = zipOf(join(dir, wheelName), wheelFiles);

  const goMod = 'module corp.example/pad\n\ngo 1.21\n';
  const goFiles: Array<[string, string]> = [
    ['corp.example/pad@v1.0.0/go.mod', goMod],
    ['corp.example/pad@v1.0.0/pad.go', `// Package pad pads numbers (${MARK}).\npackage pad\n\nimport "fmt"\n\n// Left pads n with zeros to width w.\nfunc Left(n, w int) string {\n\treturn fmt.Sprintf("%0*d", w, n)\n}\n`],
  ];
  const goZip = zipOf(join(dir, 'pad.zip'), Object.fromEntries(goFiles));
  const goSum = `corp.example/pad v1.0.0 ${goHash([...goFiles])}\ncorp.example/pad v1.0.0/go.mod ${goHash([['go.mod', goMod]])}\n`;

  const hits = new Map<string, number>();
  const basic = (password: string) => `Basic ${Buffer.from(`ci:${password}`).toString('base64')}`;
  const server = createServer({ key, cert }, (req, res) => {
    const url = req.url ?? '';
    hits.set(url, (hits.get(url) ?? 0) + 1);
    const auth = req.headers.authorization;
    const refuse = () => void res.writeHead(401, { 'www-authenticate': 'Basic realm="stand-in"' }).end('credentials wanted');
    if (url.startsWith('/npm/')) {
      if (auth !== `Bearer ${npmSecret}`) return refuse();
      if (url === '/npm/corp-pad') {
        const version = { name: 'corp-pad', version: '1.0.0', main: 'index.js', dist: { tarball: `https://${host}/npm/corp-pad/-/corp-pad-1.0.0.tgz`, integrity } };
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name: 'corp-pad', 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': version } }));
      }
      if (url === '/npm/corp-pad/-/corp-pad-1.0.0.tgz') return void res.end(tarball);
    }
    if (url.startsWith('/pypi/')) {
      if (auth !== basic(pipSecret)) return refuse();
      if (url === '/pypi/simple/corp-pad/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<!DOCTYPE html><html><body><a href="/pypi/files/${wheelName}#sha256=${sha256(wheel).toString('hex')}">${wheelName}</a></body></html>`);
      if (url === `/pypi/files/${wheelName}`) return void res.end(wheel);
    }
    if (url.startsWith('/go/')) {
      if (auth !== basic(goSecret)) return refuse();
      const at = '/go/corp.example/pad/@v/';
      if (url === `${at}list`) return void res.end('v1.0.0\n');
      if (url === `${at}v1.0.0.info`) return void res.end('{"Version":"v1.0.0","Time":"2024-01-01T00:00:00Z"}');
      if (url === `${at}v1.0.0.mod`) return void res.end(goMod);
      if (url === `${at}v1.0.0.zip`) return void res.end(goZip);
    }
    res.writeHead(404).end('not here');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  const npmLock = (name: string) =>
    JSON.stringify({ name, version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name, version: '1.0.0', dependencies: { 'corp-pad': '1.0.0' } }, 'node_modules/corp-pad': { version: '1.0.0', resolved: `https://${host}/npm/corp-pad/-/corp-pad-1.0.0.tgz`, integrity } } }, null, 2) + '\n';
  return { server, host, hits, npmSecret, pipSecret, goSecret, goSum, npmLock };
}

/** Every secret the stand-in wants, and the marker, counted in a stream of the images' layers (`docker save`). */
function inImages(images: string[], needles: string[]): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const save = spawn('docker', ['save', ...images], { stdio: ['ignore', 'pipe', 'inherit'] });
    const counts: Record<string, number> = Object.fromEntries(needles.map((n) => [n, 0]));
    const overlap = Math.max(...needles.map((n) => n.length));
    let tail = Buffer.alloc(0);
    save.stdout.on('data', (chunk: Buffer) => {
      const buf = Buffer.concat([tail, chunk]);
      for (const n of needles) for (let i = buf.indexOf(n); i >= 0; i = buf.indexOf(n, i + 1)) if (i + n.length > tail.length) counts[n]!++;
      tail = buf.subarray(Math.max(0, buf.length - overlap + 1));
    });
    save.on('error', reject);
    save.on('close', (code) => (code === 0 ? resolve(counts) : reject(new Error(`docker save exited ${code}`))));
  });
}

// The Lab's look for what the setup step was given: the variables, anything in the private mounts (their empty
// mount points stay in the image), and any readable file holding a secret.
const LAB_PROBE = bash(
  `{ env | grep -c '${SECRET_MARK}' || true; find /run/loom-setup /.cargo -mindepth 1 2>/dev/null | wc -l; grep -rlsF '${SECRET_MARK}' /workspace /home /tmp /run /etc /usr/local/share/loom | grep -v '^/workspace/\\.git/' | wc -l; } > registries-clean.txt`,
);
// The same in every test run of the verification: a test of the base fails if it sees any of it.
const RUN_PROBE_JS = `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';

test('the setup step kept its registry settings to itself', () => {
  const mark = ['loom', 'secret'].join('');
  assert.deepEqual(Object.keys(process.env).filter((k) => process.env[k].includes(mark)), []);
  assert.equal(process.env.NPM_CONFIG_USERCONFIG, undefined);
  assert.equal(existsSync('/run/loom-setup/npmrc'), false);
});
`;

// The worker's home and environment, filled in once the stand-in is up (the harness starts first).
const host: NonNullable<LoomDeps['host']> = { env: {}, home: '' };

describeWithWorker(
  "the host's registries in the setup step",
  'setupRegistries',
  (h) => {
    const docker = new Docker();
    let dir: string;
    let standIn: StandIn;
    const images = new Set<string>();
    // Lean verification: what is tested here is the setup step and the sealed runs after it.
    const lean = (extra: Partial<WorkSettings>): Partial<WorkSettings> => ({ verification: { maxMutants: 0, plantedFaults: 0, perturbedRun: false }, ...extra });
    const asGiven = (text: string) => text.replaceAll('registry.corp.example', standIn.host).replaceAll('<password>', text.includes('/pypi/') ? standIn.pipSecret : standIn.goSecret);

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'loom-registries-'));
      standIn = await startStandIn(dir);
      // The worker's home, with README's files in it, and its environment: the CA and the token the npmrc names.
      host.home = join(dir, 'home');
      for (const tool of ['npm', 'pip', 'Go'] as const) {
        const { file, text } = readmeExample(tool);
        const path = join(host.home, file.replace(/^~\//, ''));
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, asGiven(text));
      }
      Object.assign(host.env, { SSL_CERT_FILE: join(dir, 'ca.crt'), NPM_TOKEN: standIn.npmSecret, PATH: process.env.PATH });
    });
    afterAll(async () => {
      await new Promise((r) => standIn?.server.close(r));
      for (const image of images) await docker.getImage(image).remove({ force: true }).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    });

    it('npm: the registry and token of ~/.npmrc install the dependency; the Lab and every test run see neither', async () => {
      const example = readmeExample('npm');
      const repo = await exampleWith('calc', {
        'package.json': JSON.stringify({ name: 'calc', version: '1.0.0', private: true, type: 'module', scripts: { test: 'node --test' }, dependencies: { 'corp-pad': '1.0.0' } }, null, 2) + '\n',
        'package-lock.json': standIn.npmLock('calc'),
        '.gitignore': 'node_modules/\n',
        'src/label.js': "import pad from 'corp-pad';\n\nexport const label = (n) => 'item-' + pad(n, 3);\n",
        'test/label.test.js': "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { label } from '../src/label.js';\n\ntest('label', () => {\n  assert.equal(label(7), 'item-007');\n});\n",
        'test/sealed.test.js': RUN_PROBE_JS,
      });
      const { record } = await runGeneration(h, repo, labScript([LAB_PROBE, MULTIPLY_EDIT, MULTIPLY_TEST]), { settings: lean({ setup: example.setup }) });
      if (record.setup) images.add(record.setup.image);
      await expectPromoted(repo, record);
      expect(record.setup).toMatchObject({ reused: false, paths: ['node_modules/'] });
      // The base's four tests and the Lab's two, in runs that saw no secret.
      expect(record.tests).toMatchObject({ passed: 6, failed: 0 });
      expect(standIn.hits.get('/npm/corp-pad/-/corp-pad-1.0.0.tgz')).toBe(1);
      // No variable, no private mount, no readable file with a secret in the Lab.
      expect(await simpleGit(repo).raw(['show', 'main:registries-clean.txt'])).toBe('0\n0\n0\n');
    });

    it('pip: the index-url of pip.conf, its password and the CA install into a virtualenv the sealed runs use', async () => {
      const example = readmeExample('pip');
      const repo = await exampleWith('pycalc', {
        'requirements.txt': 'corp-pad==1.0.0\n',
        '.gitignore': '__pycache__/\n.pytest_cache/\n.venv/\n',
        'label.py': 'from corp_pad import pad\n\n\ndef label(n):\n    return "item-" + pad(n, 3)\n',
        'tests/test_label.py': 'from label import label\n\n\ndef test_label():\n    assert label(7) == "item-007"\n',
      });
      const steps = [
        edit('calc.py', 'def subtract(a, b):\n    return a - b\n', 'def subtract(a, b):\n    return a - b\n\n\ndef multiply(a, b):\n    return a * b\n'),
        write('tests/test_multiply.py', 'from calc import multiply\n\n\ndef test_multiply():\n    assert multiply(3, 4) == 12\n'),
      ];
      const { record } = await runGeneration(h, repo, labScript(steps), { settings: lean({ setup: example.setup, testCommand: example.testCommand }) });
      if (record.setup) images.add(record.setup.image);
      await expectPromoted(repo, record);
      expect(record.setup).toMatchObject({ reused: false, paths: ['.venv/'] });
      expect(record.tests).toMatchObject({ runner: 'pytest', passed: 4, failed: 0 });
      expect(standIn.hits.get('/pypi/files/corp_pad-1.0.0-py3-none-any.whl')).toBe(1);
    });

    it("Go: GOPROXY of go's env file, with its password and the CA, fills the module cache the sealed runs build from", async () => {
      const example = readmeExample('Go');
      const repo = await exampleWith('gocalc', {
        'go.mod': 'module example.com/gocalc\n\ngo 1.22\n\nrequire corp.example/pad v1.0.0\n',
        'go.sum': standIn.goSum,
        'label.go': 'package calc\n\nimport "corp.example/pad"\n\n// Label names item n.\nfunc Label(n int) string {\n\treturn "item-" + pad.Left(n, 3)\n}\n',
        'label_test.go': 'package calc\n\nimport "testing"\n\nfunc TestLabel(t *testing.T) {\n\tif got := Label(7); got != "item-007" {\n\t\tt.Errorf("Label(7) = %q", got)\n\t}\n}\n',
      });
      const steps = [
        edit('calc.go', '// Subtract returns a - b.', '// Multiply returns a * b.\nfunc Multiply(a, b int) int {\n\treturn a * b\n}\n\n// Subtract returns a - b.'),
        write('multiply_test.go', 'package calc\n\nimport "testing"\n\nfunc TestMultiply(t *testing.T) {\n\tif got := Multiply(3, 4); got != 12 {\n\t\tt.Errorf("Multiply(3, 4) = %d, want 12", got)\n\t}\n}\n'),
      ];
      const { record } = await runGeneration(h, repo, labScript(steps), { settings: lean({ setup: example.setup, testCommand: 'go test ./...' }) });
      if (record.setup) images.add(record.setup.image);
      await expectPromoted(repo, record);
      expect(record.tests).toMatchObject({ runner: 'go', passed: 4, failed: 0 });
      expect(standIn.hits.get('/go/corp.example/pad/@v/v1.0.0.zip')).toBe(1);
    });

    it('no layer of any snapshot holds a token or password it was given; each holds what it installed', async () => {
      expect(images.size).toBe(3);
      const found = await inImages([...images], [standIn.npmSecret, standIn.pipSecret, standIn.goSecret, SECRET_MARK, MARK]);
      expect(found).toMatchObject({ [standIn.npmSecret]: 0, [standIn.pipSecret]: 0, [standIn.goSecret]: 0, [SECRET_MARK]: 0 });
      // The search reads the installed files: npm's, pip's and Go's copies of the package (the module cache keeps the zip too).
      expect(found[MARK]).toBeGreaterThanOrEqual(3);
    });

    it("a setup that leaves a secret in what it made is refused before any snapshot, the secret named by what it is, never shown", async () => {
      const repo = await exampleWith('calc', { 'package.json': JSON.stringify({ name: 'calc', version: '1.0.0', private: true, type: 'module', scripts: { test: 'node --test' } }) + '\n' });
      const { record } = await runGeneration(h, repo, labScript([MULTIPLY_EDIT]), { settings: lean({ setup: 'cp "$NPM_CONFIG_USERCONFIG" copied-npmrc' }) });
      expect(record.outcome).toMatchObject({ kind: 'failed', stage: 'setup' });
      expect(reasonOf(record)).toMatch(/left secrets of the worker's registry settings in the files it made: npm's _authToken for \/\/127\.0\.0\.1:\d+\/npm\/ \(in \/workspace\/copied-npmrc\)/);
      expect(JSON.stringify(record)).not.toContain(SECRET_MARK);
      expect(record.setup).toBeUndefined();
    });

    it('a registry whose certificate the worker does not trust fails the setup with the URL tried, where it was set, and what to set', async () => {
      const repo = await exampleWith('calc', {
        'package.json': JSON.stringify({ name: 'calc', version: '1.0.0', private: true, type: 'module', scripts: { test: 'node --test' }, dependencies: { 'corp-pad': '1.0.0' } }, null, 2) + '\n',
        'package-lock.json': standIn.npmLock('calc'),
      });
      const ca = host.env.SSL_CERT_FILE;
      // The system's bundle, which knows nothing of the stand-in's CA.
      host.env.SSL_CERT_FILE = undefined;
      try {
        const { record } = await runGeneration(h, repo, labScript([MULTIPLY_EDIT]), { settings: lean({ setup: 'npm ci --fetch-retries=0' }) });
        expect(record.outcome).toMatchObject({ kind: 'failed', stage: 'setup' });
        expect(reasonOf(record)).toContain(`npm does not trust the certificate of https://${standIn.host}/npm/corp-pad/-/corp-pad-1.0.0.tgz (the setup step gave it https://${standIn.host}/npm/, from registry in ${host.home}/.npmrc); the setup step trusts the worker's certificate authorities, the bundle SSL_CERT_FILE or NODE_EXTRA_CA_CERTS names, else the system's: add the registry's CA there`);
        expect(JSON.stringify(record)).not.toContain(SECRET_MARK);
      } finally {
        host.env.SSL_CERT_FILE = ca;
      }
    });
  },
  { host },
);
