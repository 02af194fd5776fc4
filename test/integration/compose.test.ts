import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { CLI_TYPE, LOOM_SEARCH_ATTRIBUTES } from '../../generation/searchAttributes';
import { temporalBin } from '../../provision/state';

// docker-compose.temporal.yml through a real compose tool: `config` validates it against
// the Compose schema and resolves it; the assertions then read the resolved model. Images
// cannot be pulled here, so the stack is not started; its search-attribute script is run
// for real against the suite's Temporal dev server instead.

const ROOT = realpathSync(join(import.meta.dirname, '..', '..'));
const FILE = join(ROOT, 'docker-compose.temporal.yml');
const expectedPairs = LOOM_SEARCH_ATTRIBUTES.map((k) => `${k.name}=${CLI_TYPE[k.type]}`);

type Env = Record<string, string>;
interface Tool { argv: string[]; version: string; json: boolean; python?: string }

function run(argv: string[], opts: { env?: Env; input?: string } = {}) {
  const [cmd, ...args] = argv;
  const r = spawnSync(cmd!, args, { encoding: 'utf8', env: { ...process.env, ...opts.env }, input: opts.input, timeout: 60_000, cwd: ROOT });
  return { code: r.status ?? -1, out: r.stdout ?? '', err: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
}

/** `docker compose` (v2) or `docker-compose` (v2, or v1.29 from Debian), whichever answers. */
function findComposeTool(): Tool | undefined {
  for (const argv of [['docker', 'compose'], ['docker-compose']]) {
    const r = run([...argv, 'version', '--short']);
    const version = r.out.trim().replace(/^v/, '');
    if (r.code !== 0 || !/^\d+\.\d+/.test(version)) continue;
    if (!version.startsWith('1.')) return { argv, version, json: true };
    // v1 prints only YAML: read it with the Python that runs docker-compose (it imports PyYAML).
    const path = run(['sh', '-c', 'command -v docker-compose']).out.trim();
    const shebang = /^#!\s*(\S*python\S*)/.exec(existsSync(path) ? readFileSync(path, 'utf8').split('\n')[0]! : '')?.[1];
    if (shebang) return { argv, version, json: false, python: shebang };
  }
  return undefined;
}

const tool = findComposeTool();
const missing = 'no compose tool (`docker compose` or `docker-compose`): provision/test-tools.sh installs Debian\'s docker-compose as root';
if (!tool && !process.env.CI) {
  console.warn(`\n!!! SKIPPING test/integration/compose.test.ts compose checks: ${missing}. The static checks in test/unit/project/compose.test.ts still run. !!!\n`);
}

// The resolved model, reduced to what the assertions need, from either tool's output.
interface Service {
  image: string;
  environment: Record<string, string>;
  depends_on: Record<string, string>;
  ports: { hostIp: string; published: string; target: string }[];
  volumes: { source: string; target: string; readOnly: boolean }[];
  healthcheck?: { test: string[] | string };
  entrypoint?: string[];
}
interface Model { services: Record<string, Service>; volumes: Record<string, unknown> }

function resolved(env: Env = {}): Model {
  if (!tool) throw new Error(`${missing} (under CI it must be there: run bash provision/test-tools.sh as root)`);
  const t = tool;
  const valid = run([...t.argv, '-f', FILE, 'config', '-q'], { env });
  expect(valid.err + valid.out).toBe('');
  expect(valid.code).toBe(0);
  let raw: { services: Record<string, Record<string, unknown>>; volumes?: Record<string, unknown> };
  if (t.json) {
    const r = run([...t.argv, '-f', FILE, 'config', '--format', 'json'], { env });
    expect(r.code, r.err).toBe(0);
    raw = JSON.parse(r.out);
  } else {
    const r = run([...t.argv, '-f', FILE, 'config'], { env });
    expect(r.code, r.err).toBe(0);
    const j = run([t.python!, '-c', 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'], { input: r.out });
    expect(j.code, j.err).toBe(0);
    raw = JSON.parse(j.out);
  }
  const services: Record<string, Service> = {};
  for (const [name, s] of Object.entries(raw.services)) {
    const env = (s.environment ?? {}) as Record<string, string> | string[];
    services[name] = {
      image: String(s.image),
      environment: Array.isArray(env) ? Object.fromEntries(env.map((e) => [e.split('=')[0]!, e.slice(e.indexOf('=') + 1)])) : Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])),
      depends_on: Object.fromEntries(
        Array.isArray(s.depends_on) ? (s.depends_on as string[]).map((d) => [d, 'service_started']) : Object.entries((s.depends_on ?? {}) as Record<string, { condition: string }>).map(([d, v]) => [d, v.condition]),
      ),
      ports: ((s.ports ?? []) as (string | { host_ip?: string; published?: string | number; target: number })[]).map((p) => {
        if (typeof p !== 'string') return { hostIp: p.host_ip ?? '', published: String(p.published ?? ''), target: String(p.target) };
        const parts = p.replace(/\/\w+$/, '').split(':');
        return { hostIp: parts.length === 3 ? parts[0]! : '', published: parts.at(-2) ?? '', target: parts.at(-1)! };
      }),
      volumes: ((s.volumes ?? []) as (string | { source: string; target: string; read_only?: boolean })[]).map((v) => {
        if (typeof v !== 'string') return { source: v.source, target: v.target, readOnly: Boolean(v.read_only) };
        const [source, target, mode] = v.split(':');
        return { source: source!, target: target!, readOnly: mode === 'ro' };
      }),
      healthcheck: s.healthcheck as Service['healthcheck'],
      entrypoint: s.entrypoint as string[] | undefined,
    };
  }
  return { services, volumes: raw.volumes ?? {} };
}

const SERVICES = ['postgresql', 'temporal-schema', 'temporal', 'loom-search-attributes', 'temporal-admin-tools', 'temporal-ui'];

describe.skipIf(!tool && !process.env.CI)(`docker-compose.temporal.yml through ${tool ? `${tool.argv.join(' ')} ${tool.version}` : 'a compose tool'}`, () => {
  let model: Model;
  const svc = (name: string) => {
    model ??= resolved();
    const s = model.services[name];
    expect(s, `service ${name}`).toBeDefined();
    return s!;
  };

  it('is valid Compose and has the six services', () => {
    expect(tool, missing).toBeDefined();
    model = resolved();
    expect(Object.keys(model.services).sort()).toEqual([...SERVICES].sort());
  });

  it('pins every image, and runs admin tools of the server version', () => {
    const images = SERVICES.map((n) => svc(n).image);
    for (const image of images) expect(image).toMatch(/^[a-z0-9./-]+:\d[\w.-]*$/);
    expect(svc('postgresql').image).toMatch(/^postgres:\d+/);
    expect(svc('temporal').image).toMatch(/^temporalio\/(server|auto-setup):1\.(2[89]|[3-9]\d)\.\d+$/);
    expect(svc('temporal-ui').image).toMatch(/^temporalio\/ui:2\.(3\d|[4-9]\d)\.\d+$/);
    const server = svc('temporal').image.split(':')[1]!;
    for (const n of ['temporal-schema', 'loom-search-attributes', 'temporal-admin-tools']) {
      expect(svc(n).image).toMatch(new RegExp(`^temporalio/admin-tools:${server.replace(/\./g, '\\.')}(-|$)`));
    }
  });

  it('keeps PostgreSQL data in a named volume, behind a health check', () => {
    const pg = svc('postgresql');
    expect(pg.volumes).toContainEqual(expect.objectContaining({ source: 'temporal-postgres', target: '/var/lib/postgresql/data' }));
    expect(Object.keys(model.volumes)).toContain('temporal-postgres');
    expect(JSON.stringify(pg.healthcheck?.test)).toContain('pg_isready');
    expect(pg.ports).toEqual([]);
  });

  it('starts in order: PostgreSQL healthy → schema set up → server healthy → search attributes, admin tools, UI', () => {
    expect(svc('temporal-schema').depends_on).toEqual({ postgresql: 'service_healthy' });
    expect(svc('temporal').depends_on).toEqual({ 'temporal-schema': 'service_completed_successfully' });
    expect(svc('temporal').healthcheck?.test).toBeDefined();
    for (const n of ['loom-search-attributes', 'temporal-admin-tools', 'temporal-ui']) expect(svc(n).depends_on).toEqual({ temporal: 'service_healthy' });
  });

  it('points the server at PostgreSQL and sets up its schema with the same settings', () => {
    const server = svc('temporal').environment;
    const schema = svc('temporal-schema').environment;
    expect(server).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgresql', DB_PORT: '5432' });
    for (const key of ['DB', 'DB_PORT', 'POSTGRES_SEEDS', 'POSTGRES_USER', 'POSTGRES_PWD']) expect(schema[key], key).toBe(server[key]);
    expect(server.POSTGRES_PWD).toBe(svc('postgresql').environment.POSTGRES_PASSWORD);
    expect(svc('temporal-schema').entrypoint).toEqual(['/bin/sh', '/loom/setup-postgres.sh']);
  });

  it('publishes 7233 and the Web UI on 8080, both on loopback unless told otherwise', () => {
    expect(svc('temporal').ports).toEqual([{ hostIp: '127.0.0.1', published: '7233', target: '7233' }]);
    expect(svc('temporal-ui').ports).toEqual([{ hostIp: '127.0.0.1', published: '8080', target: '8080' }]);
    const open = resolved({ TEMPORAL_BIND_IP: '0.0.0.0', TEMPORAL_UI_BIND_IP: '10.1.2.3', TEMPORAL_NAMESPACE: 'loom', TEMPORAL_DB_PASSWORD: 's3cret' });
    expect(open.services.temporal!.ports).toEqual([{ hostIp: '0.0.0.0', published: '7233', target: '7233' }]);
    expect(open.services['temporal-ui']!.ports).toEqual([{ hostIp: '10.1.2.3', published: '8080', target: '8080' }]);
    expect(open.services['loom-search-attributes']!.environment.TEMPORAL_NAMESPACE).toBe('loom');
    expect(open.services.temporal!.environment.POSTGRES_PWD).toBe('s3cret');
    expect(open.services.postgresql!.environment.POSTGRES_PASSWORD).toBe('s3cret');
  });

  it('points the UI and the admin tools at temporal:7233', () => {
    expect(svc('temporal-ui').environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(svc('temporal-admin-tools').environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it("registers every search attribute of generation/searchAttributes.ts, with its type, on the namespace", () => {
    const s = svc('loom-search-attributes');
    expect(s.environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(s.environment.TEMPORAL_NAMESPACE).toBe('default');
    expect(s.environment.LOOM_SEARCH_ATTRIBUTES!.trim().split(/\s+/).sort()).toEqual([...expectedPairs].sort());
    expect(s.entrypoint).toEqual(['/bin/sh', '/loom/register-search-attributes.sh']);
  });

  it('mounts the repository files it runs, read-only, from where they are', () => {
    const binds = SERVICES.flatMap((n) => svc(n).volumes).filter((v) => v.source.startsWith('/'));
    expect(binds.length).toBeGreaterThan(0);
    for (const v of binds) {
      expect(v.source.startsWith(ROOT), v.source).toBe(true);
      expect(existsSync(v.source), v.source).toBe(true);
      expect(v.readOnly, v.source).toBe(true);
    }
    expect(svc('loom-search-attributes').volumes).toContainEqual({ source: join(ROOT, 'deploy', 'temporal'), target: '/loom', readOnly: true });
    const dynamic = svc('temporal').environment.DYNAMIC_CONFIG_FILE_PATH!;
    const mount = svc('temporal').volumes.find((v) => v.target === '/etc/temporal/config/dynamicconfig');
    expect(mount).toBeDefined();
    expect(existsSync(join(mount!.source, dynamic.replace(/^config\/dynamicconfig\//, '')))).toBe(true);
  });
});

// The stack's registration script, run with the suite's temporal CLI against the suite's
// dev server, on a namespace of its own: what `loom-search-attributes` does in the stack.
const integration = inject('integration');
describe.skipIf(!integration.ready)('deploy/temporal/register-search-attributes.sh against a real Temporal', () => {
  let bin: string | undefined; // a folder with `temporal` in it, for the script's PATH
  afterAll(() => bin && rmSync(bin, { recursive: true, force: true }));
  const namespace = `loom-compose-${process.pid}-${Date.now()}`;

  function script(env: Env) {
    if (!integration.ready) throw new Error(integration.reason);
    if (!bin) {
      bin = mkdtempSync(join(tmpdir(), 'loom-compose-bin-'));
      symlinkSync(temporalBin(), join(bin, 'temporal'));
    }
    return run(['sh', join(ROOT, 'deploy', 'temporal', 'register-search-attributes.sh')], {
      env: { PATH: `${bin}:${process.env.PATH}`, TEMPORAL_ADDRESS: integration.temporalAddress, TEMPORAL_NAMESPACE: namespace, LOOM_WAIT_SECONDS: '30', ...env },
    });
  }

  function registered(): Record<string, string> {
    if (!integration.ready) throw new Error(integration.reason);
    const r = run([temporalBin(), 'operator', 'search-attribute', 'list', '--address', integration.temporalAddress, '--namespace', namespace, '--output', 'json']);
    expect(r.code, r.err).toBe(0);
    return JSON.parse(r.out).customAttributes ?? {};
  }

  it('creates the namespace and registers all the attributes with their types; a second run changes nothing', () => {
    const list = expectedPairs.join(' ');
    const first = script({ LOOM_SEARCH_ATTRIBUTES: list });
    expect(first.code, first.out + first.err).toBe(0);
    expect(first.out).toContain(`created namespace ${namespace}`);
    expect(first.out).toContain(`done: ${LOOM_SEARCH_ATTRIBUTES.length} search attributes on namespace ${namespace}`);
    const want = Object.fromEntries(LOOM_SEARCH_ATTRIBUTES.map((k) => [k.name, `INDEXED_VALUE_TYPE_${k.type}`]));
    expect(registered()).toEqual(want);

    const second = script({ LOOM_SEARCH_ATTRIBUTES: list });
    expect(second.code, second.out + second.err).toBe(0);
    expect(second.out).toContain(`namespace ${namespace} exists`);
    expect(registered()).toEqual(want);
  });

  it('fails, naming the attribute, when one exists with another type, or the list is malformed or empty', () => {
    const clash = script({ LOOM_SEARCH_ATTRIBUTES: `${LOOM_SEARCH_ATTRIBUTES[0]!.name}=Text` });
    expect(clash.code).not.toBe(0);
    expect(clash.err).toContain(`could not register ${LOOM_SEARCH_ATTRIBUTES[0]!.name} as Text`);
    const bad = script({ LOOM_SEARCH_ATTRIBUTES: 'LoomGeneration' });
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('is not Name=Type');
    const empty = script({ LOOM_SEARCH_ATTRIBUTES: '' });
    expect(empty.code).not.toBe(0);
    expect(empty.err).toContain('LOOM_SEARCH_ATTRIBUTES is empty');
  });

  it('gives up with a clear message when no Temporal answers', () => {
    const r = script({ TEMPORAL_ADDRESS: '127.0.0.1:1', LOOM_WAIT_SECONDS: '2', LOOM_SEARCH_ATTRIBUTES: expectedPairs.join(' ') });
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('Temporal at 127.0.0.1:1 is not healthy after 2s');
  });
});
