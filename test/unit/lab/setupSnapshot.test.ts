import { describe, expect, it } from 'vitest';
import { hostCaBundlePath, hostCaEnvironment, setupKey, setupOutputs } from '../../../lab/setupSnapshot';

const tree = (files: Record<string, string>) => new Map(Object.entries(files).map(([p, sha]) => [p, { sha }]));

describe('the setup snapshot key', () => {
  const files = { 'package.json': 'a1', 'package-lock.json': 'b1', 'src/index.js': 'c1', 'packages/ui/package.json': 'd1', 'node_modules/x/package.json': 'e1', 'requirements-dev.txt': 'f1', 'go.sum': 'g1' };

  it('is made from the command, the image and the dependency files only', () => {
    const { key, inputs } = setupKey('npm ci', 'sha256:img', tree(files));
    expect(inputs).toEqual(['go.sum', 'package-lock.json', 'package.json', 'packages/ui/package.json', 'requirements-dev.txt']);
    // Source changes keep the key: a loop pays for the install once.
    expect(setupKey('npm ci', 'sha256:img', tree({ ...files, 'src/index.js': 'c2', 'src/new.js': 'n' })).key).toBe(key);
    // A lockfile, a workspace manifest, the command or the image change it.
    for (const other of [
      setupKey('npm ci', 'sha256:img', tree({ ...files, 'package-lock.json': 'b2' })),
      setupKey('npm ci', 'sha256:img', tree({ ...files, 'packages/ui/package.json': 'd2' })),
      setupKey('npm install', 'sha256:img', tree(files)),
      setupKey('npm ci', 'sha256:other', tree(files)),
    ]) expect(other.key).not.toBe(key);
  });
});

describe("what a setup command made", () => {
  it('keeps what it created, and names tracked files it changed', () => {
    const status = ['!! node_modules/', '?? .venv/', ' M package-lock.json', 'R  new.txt', 'old.txt', '!! .cache/tool.db', ''].join('\0');
    expect(setupOutputs(status)).toEqual({ made: ['.cache/tool.db', '.venv/', 'node_modules/'], changed: ['new.txt', 'package-lock.json'] });
    expect(setupOutputs('')).toEqual({ made: [], changed: [] });
  });

  it("leaves out Python's bytecode caches, one per package folder, which imports rebuild", () => {
    const status = ['!! .venv/', '!! src/pkg/__pycache__/', '!! src/pkg/sub/__pycache__/', '!! __pycache__/', '!! src/pkg.egg-info/', '?? my__pycache__/', ''].join('\0');
    expect(setupOutputs(status).made).toEqual(['.venv/', 'my__pycache__/', 'src/pkg.egg-info/']);
  });
});

describe("the host's certificate authorities in the setup step", () => {
  it("takes the bundle the host's tools are pointed at, else the system's, and points every package manager at it", () => {
    const has = (...paths: string[]) => (p: string) => paths.includes(p);
    expect(hostCaBundlePath({ SSL_CERT_FILE: '/corp/ca.pem' }, has('/corp/ca.pem', '/etc/ssl/certs/ca-certificates.crt'))).toBe('/corp/ca.pem');
    expect(hostCaBundlePath({ NODE_EXTRA_CA_CERTS: '/gone.pem' }, has('/etc/ssl/certs/ca-certificates.crt'))).toBe('/etc/ssl/certs/ca-certificates.crt');
    expect(hostCaBundlePath({}, has())).toBeUndefined();
    const env = hostCaEnvironment('/tmp/ca.crt');
    for (const k of ['NODE_EXTRA_CA_CERTS', 'npm_config_cafile', 'SSL_CERT_FILE', 'PIP_CERT', 'REQUESTS_CA_BUNDLE', 'GIT_SSL_CAINFO', 'CARGO_HTTP_CAINFO']) expect(env[k], k).toBe('/tmp/ca.crt');
  });
});
