import { describe, expect, it } from 'vitest';
import { createHash, X509Certificate } from 'node:crypto';
import { hostCaBundlePath, hostCaEnvironment, JAVA_TRUST_STORE_PASSWORD, javaTrustStore, setupKey, setupOutputs } from '../../../lab/setupSnapshot';

// Two self-signed certificates (openssl req -x509, EC P-256), for the Java trust store.
const CERT_A = `-----BEGIN CERTIFICATE-----
MIIBijCCAS+gAwIBAgIUKHmKb5UWUwfLL/GsYLKP2n3zfUowCgYIKoZIzj0EAwIw
GTEXMBUGA1UEAwwObG9vbSB0ZXN0IGNhIGEwIBcNMjYxMjA2MTA1OTE2WhgPMjEy
NjExMTIxMDU5MTZaMBkxFzAVBgNVBAMMDmxvb20gdGVzdCBjYSBhMFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAEFP9khDpNvet+IrjFUydd7l4axCXk82iQLvjMuSEJ
a979QD5Kh3ojEB3i0Yg+ye15xcAFyP0UiGC2DbGw2jQk66NTMFEwHQYDVR0OBBYE
FGVS8at3bJoNpAR4G1+UOIJCPNojMB8GA1UdIwQYMBaAFGVS8at3bJoNpAR4G1+U
OIJCPNojMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSQAwRgIhAND5ROng
WhNVSW0cviSODdh6tMN5B+NmhVfMeS3qV6E+AiEA8sBHC9K7WcvpqzSAFczOYA1U
RbQ6OZpzM2Yc2GMFHA0=
-----END CERTIFICATE-----`;
const CERT_B = `-----BEGIN CERTIFICATE-----
MIIBiTCCAS+gAwIBAgIUQ5gXb35X9jXSwgw2c/x/1Pb7568wCgYIKoZIzj0EAwIw
GTEXMBUGA1UEAwwObG9vbSB0ZXN0IGNhIGIwIBcNMjYxMjA2MTA1OTE2WhgPMjEy
NjExMTIxMDU5MTZaMBkxFzAVBgNVBAMMDmxvb20gdGVzdCBjYSBiMFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAEPpWwqPubNGijtc631ylv6xPhuK+5tC0H6LRvnrm1
RvuuxoSnBl3pNH/4ycdQIww1E0QQF6YyfI0z9lAixXYOV6NTMFEwHQYDVR0OBBYE
FDYO6C/0r+s8hlDUrcwSpkrT1wxZMB8GA1UdIwQYMBaAFDYO6C/0r+s8hlDUrcwS
pkrT1wxZMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIgLyWtblJj
dMXhzKKGRdq/vNxkkypP6kLIUw+y0ncqveICIQCfFhwnHBxJCAmmD2DOaRGdRRi/
MIdbJOl77TzaqtijNg==
-----END CERTIFICATE-----`;

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
    expect(env.JAVA_TOOL_OPTIONS).toBe('-Djavax.net.ssl.trustStore=/tmp/loom-host-ca.jks -Djavax.net.ssl.trustStoreType=JKS');
  });

  it('gives Java the same authorities as a JKS trust store: every certificate of the bundle, checksummed as Java checks it', () => {
    const pems = [CERT_A, CERT_B];
    const store = javaTrustStore(`# a comment\n${pems.join('\n')}\n`, 1_700_000_000_000);
    let at = 0;
    const u32 = () => ((at += 4), store.readUInt32BE(at - 4));
    const utf = () => {
      const n = store.readUInt16BE(at);
      at += 2 + n;
      return store.subarray(at - n, at).toString('utf8');
    };
    expect([u32(), u32(), u32()]).toEqual([0xfeedfeed, 2, 2]);
    for (const [i, pem] of pems.entries()) {
      expect(u32()).toBe(2);
      expect(utf()).toBe(`loom-host-ca-${i}`);
      expect(store.readBigInt64BE(at)).toBe(1_700_000_000_000n);
      at += 8;
      expect(utf()).toBe('X.509');
      const der = store.subarray(at + 4, at + 4 + u32());
      at += der.length;
      expect(new X509Certificate(der).fingerprint256).toBe(new X509Certificate(pem).fingerprint256);
    }
    const key = Buffer.from([...JAVA_TRUST_STORE_PASSWORD].flatMap((c) => [0, c.charCodeAt(0)]));
    expect(store.subarray(at)).toEqual(createHash('sha1').update(key).update('Mighty Aphrodite').update(store.subarray(0, at)).digest());
    expect(javaTrustStore('no certificates here').length).toBe(12 + 20);
  });
});
