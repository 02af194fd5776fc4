import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_TYPE, LOOM_SEARCH_ATTRIBUTES } from '../../../generation/searchAttributes';
import { registrationCommands } from '../../../worker/registerSearchAttributes';

// Static checks of docker-compose.temporal.yml, its deploy/temporal/ files and
// docs/cluster.md against generation/searchAttributes.ts. No compose tool needed;
// test/integration/compose.test.ts validates the file with one.

const ROOT = join(import.meta.dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const compose = read('docker-compose.temporal.yml');
const doc = read('docs/cluster.md');
const expectedPairs = LOOM_SEARCH_ATTRIBUTES.map((k) => `${k.name}=${CLI_TYPE[k.type]}`);

/** The value of a YAML key, plain or a folded/literal block scalar, as whitespace-separated words. */
function yamlWords(text: string, key: string): string[] {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => new RegExp(`^\\s*${key}:`).test(l));
  if (at < 0) return [];
  const indent = lines[at]!.search(/\S/);
  const first = lines[at]!.slice(lines[at]!.indexOf(':') + 1).trim();
  const words: string[] = [];
  if (/^[>|][+-]?$/.test(first)) {
    for (const line of lines.slice(at + 1)) {
      if (line.trim() && line.search(/\S/) <= indent) break;
      words.push(...line.trim().split(/\s+/).filter(Boolean));
    }
  } else {
    words.push(...first.replace(/^["']|["']$/g, '').split(/\s+/).filter(Boolean));
  }
  return words;
}

const images = [...compose.matchAll(/^\s*image:\s*["']?([^"'\s#]+)/gm)].map((m) => m[1]!);
const tagOf = (image: string, repo: string) => images.find((i) => i.startsWith(`${repo}:`))?.slice(repo.length + 1);

describe('docker-compose.temporal.yml', () => {
  it("registers exactly Loom's search attributes, with their types (generation/searchAttributes.ts)", () => {
    const pairs = yamlWords(compose, 'LOOM_SEARCH_ATTRIBUTES');
    expect([...pairs].sort()).toEqual([...expectedPairs].sort());
  });

  it('runs PostgreSQL, the Temporal server, admin tools and the Web UI from pinned images', () => {
    expect(images.length).toBeGreaterThanOrEqual(4);
    for (const image of images) {
      expect(image, `${image} must name a version tag`).toMatch(/^[a-z0-9./-]+:[0-9][\w.-]*$/);
      expect(image).not.toMatch(/:latest$/);
    }
    expect(tagOf('postgres', 'postgres')).toBeDefined();
    expect(tagOf('temporalio/server', 'temporalio/server') ?? tagOf('temporalio/auto-setup', 'temporalio/auto-setup')).toBeDefined();
    expect(tagOf('temporalio/admin-tools', 'temporalio/admin-tools')).toBeDefined();
    expect(tagOf('temporalio/ui', 'temporalio/ui')).toBeDefined();
  });

  it('uses admin tools of the same version as the server (their schema files are what migrates the databases)', () => {
    const server = tagOf('temporalio/server', 'temporalio/server') ?? tagOf('temporalio/auto-setup', 'temporalio/auto-setup');
    const adminTags = images.filter((i) => i.startsWith('temporalio/admin-tools:')).map((i) => i.split(':')[1]!);
    expect(adminTags.length).toBeGreaterThan(0);
    for (const tag of adminTags) expect(tag === server || tag.startsWith(`${server}-`), `admin-tools:${tag} vs server ${server}`).toBe(true);
  });

  it('mounts only files that are in the repository, and runs scripts that are there', () => {
    const sources = [...compose.matchAll(/^\s*-\s*["']?(\.\/[^:"'\s]+):/gm)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(existsSync(join(ROOT, source)), `${source} is mounted but missing`).toBe(true);
    const scripts = [...compose.matchAll(/\/loom\/([\w.-]+\.sh)/g)].map((m) => m[1]!);
    expect(new Set(scripts)).toEqual(new Set(['setup-postgres.sh', 'register-search-attributes.sh']));
    for (const script of scripts) expect(existsSync(join(ROOT, 'deploy', 'temporal', script))).toBe(true);
    const dynamicConfig = /DYNAMIC_CONFIG_FILE_PATH:\s*config\/dynamicconfig\/([\w.-]+)/.exec(compose)?.[1];
    expect(dynamicConfig).toBeDefined();
    expect(existsSync(join(ROOT, 'deploy', 'temporal', 'dynamicconfig', dynamicConfig!))).toBe(true);
  });

  it.each(['setup-postgres.sh', 'register-search-attributes.sh'])('deploy/temporal/%s is valid POSIX sh (the admin-tools image has no bash guarantee)', (script) => {
    const result = spawnSync('sh', ['-n', join(ROOT, 'deploy', 'temporal', script)], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('enables workflow updates in the dynamic config (the loop takes setBudgets and setModels)', () => {
    expect(read('deploy/temporal/dynamicconfig/loom.yaml')).toMatch(/^frontend\.enableUpdateWorkflowExecution:\n\s+- value: true$/m);
  });
});

describe('provision/cluster.sh', () => {
  it('builds the server at the version the compose file runs, named in that one place', () => {
    const r = spawnSync('bash', [join(ROOT, 'provision', 'cluster.sh'), 'version'], { encoding: 'utf8', env: { ...process.env, LOOM_STATE_DIR: join(ROOT, '.loom') } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(tagOf('temporalio/server', 'temporalio/server'));
    expect(read('provision/cluster.sh')).not.toMatch(/\b1\.\d+\.\d+\b.*temporal/i);
  });

  it('gives the PostgreSQL visibility store its port by VISIBILITY_DB_PORT, which it reads instead of DB_PORT', () => {
    expect(read('provision/cluster.sh')).toMatch(/export VISIBILITY_DB_PORT="\$PG_PORT"/);
    expect(yamlWords(compose, 'VISIBILITY_DB_PORT')).toEqual(['5432']);
  });
});

describe('docs/cluster.md', () => {
  it("holds every temporal line the README shows for a cluster, so the cluster suite runs them all", () => {
    const tested = /<!-- temporal lines: run by test\/cluster\/cluster.test.ts -->\n```sh\n([\s\S]*?)```/.exec(doc)![1]!.split('\n');
    const readme = read('README.md');
    const shown = readme.slice(readme.indexOf('## Running on a real Temporal cluster')).split('\n').filter((l) => l.startsWith('temporal workflow')).map((l) => l.replace(/\s+#.*$/, ''));
    expect(shown.length).toBeGreaterThanOrEqual(5);
    for (const line of shown) expect(tested, line).toContain(line);
  });

  it('has the create command for every search attribute, as the worker prints it', () => {
    for (const command of registrationCommands('default')) expect(doc).toContain(`\n${command}\n`);
  });

  it('has no create command for an attribute Loom does not define', () => {
    const named = [...doc.matchAll(/temporal operator search-attribute create .*--name (\w+) --type (\w+)/g)].map((m) => `${m[1]}=${m[2]}`);
    expect([...named].sort()).toEqual([...expectedPairs].sort());
  });

  it("gives the registration script the module's list", () => {
    const value = /LOOM_SEARCH_ATTRIBUTES="([^"]*)"/.exec(doc)?.[1];
    expect(value?.split(/\s+/).sort()).toEqual([...expectedPairs].sort());
  });

  it('names the variables the worker reads, and the Web UI port', () => {
    for (const word of ['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'LOOM_TASK_QUEUE', 'npm run worker', 'docker compose -f docker-compose.temporal.yml up -d', ':8080']) {
      expect(doc).toContain(word);
    }
  });
});

describe('README', () => {
  it('has a short "Running on a real Temporal cluster" section that links to docs/cluster.md', () => {
    const readme = read('README.md');
    const section = /^## Running on a real Temporal cluster\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme)?.[1];
    expect(section).toBeDefined();
    expect(section).toContain('(docs/cluster.md)');
    expect(section).toContain('docker-compose.temporal.yml');
  });
});
