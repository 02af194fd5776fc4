// The setup step's pure parts: the cache key of a snapshot, what a setup command made in
// the workspace, and the shell steps around it. A snapshot holds what the repository's
// setup command installed on the base commit; every Lab and verification container of a
// generation starts from it, without network.
import { createHash } from 'node:crypto';
import { isDependencyInput } from '../verify/dependencies';

export const SETUP_IMAGE_REPO = 'loom-setup';
/** Labels of a snapshot image: that it is one, and what its setup made in the workspace. */
export const LABEL_SETUP = 'loom.setup';
export const LABEL_SETUP_PATHS = 'loom.setup.paths';
/**
 * A root-owned copy of the Lab user's home as the setup left it (a Go module cache, a
 * virtualenv's tools): runs that wipe the home between them restore it from here.
 */
export const SETUP_HOME_SEED = '/usr/local/share/loom/setup-home';
/** Download caches, which the installed packages no longer need: left out of the snapshot. */
export const DOWNLOAD_CACHES = ['.npm/_cacache', '.cache/pip', '.cache/yarn', '.cache/node-gyp'];

/**
 * The snapshot's key: the setup command, the image it runs in and every file that decides
 * what it installs (lockfiles and manifests at the base, by content). The same key means
 * the same install, so a loop pays for it once and a changed lockfile pays again.
 */
export function setupKey(command: string, imageId: string, tree: Map<string, { sha: string }>): { key: string; inputs: string[] } {
  const inputs = [...tree.keys()].filter(isDependencyInput).sort();
  const h = createHash('sha256').update(JSON.stringify({ v: 1, command, imageId, inputs: inputs.map((p) => [p, tree.get(p)!.sha]) }));
  return { key: h.digest('hex').slice(0, 16), inputs };
}

/**
 * What `git status --porcelain=v1 -z --ignored` says a setup command did: `made`, the
 * untracked and ignored paths it created (folders end in "/"; not `__pycache__/`), and `changed`, tracked
 * files it modified, which the snapshot does not keep (each container checks out its own).
 */
export function setupOutputs(status: string): { made: string[]; changed: string[] } {
  const made: string[] = [];
  const changed: string[] = [];
  const recs = status.split('\0');
  for (let i = 0; i < recs.length; i++) {
    const rec = recs[i]!;
    if (rec.length < 4) continue;
    const xy = rec.slice(0, 2);
    const path = rec.slice(3);
    // Python's bytecode caches are rebuilt on import, one per package folder: listing them is noise.
    if (/(?:^|\/)__pycache__\/$/.test(path)) continue;
    if (xy === '??' || xy === '!!') made.push(path);
    else changed.push(path);
    // A rename or copy names its source in the next record.
    if (xy[0] === 'R' || xy[0] === 'C') i++;
  }
  return { made: made.sort(), changed: changed.sort() };
}

/** Where the setup container holds the host's trusted certificate authorities, for the setup command alone. */
export const SETUP_HOST_CA = '/tmp/loom-host-ca.crt';
/** The same authorities as a Java trust store (Java reads no PEM bundle), for the setup command alone. */
export const SETUP_HOST_CA_JAVA = '/tmp/loom-host-ca.jks';

/**
 * The variables that point each package manager at the host's certificate authorities: a
 * registry behind a TLS-inspecting proxy works in the setup container as it does on the host.
 * Given to the setup command's process only, never to the image, the Lab or a test run.
 * Every JVM (Maven, Gradle) reads JAVA_TOOL_OPTIONS, which names the Java trust store.
 */
export function hostCaEnvironment(path = SETUP_HOST_CA, javaPath = SETUP_HOST_CA_JAVA): Record<string, string> {
  return {
    NODE_EXTRA_CA_CERTS: path,
    npm_config_cafile: path,
    SSL_CERT_FILE: path,
    CURL_CA_BUNDLE: path,
    REQUESTS_CA_BUNDLE: path,
    PIP_CERT: path,
    GIT_SSL_CAINFO: path,
    CARGO_HTTP_CAINFO: path,
    JAVA_TOOL_OPTIONS: `-Djavax.net.ssl.trustStore=${javaPath} -Djavax.net.ssl.trustStoreType=JKS`,
  };
}

/** The password a Java trust store's checksum is made with: Java's own default, since the store holds nothing secret. */
export const JAVA_TRUST_STORE_PASSWORD = 'changeit';

/**
 * A PEM bundle's certificates as a JKS trust store (the format every Java since 1.2 reads):
 * one trusted-certificate entry each, then the store's SHA-1 checksum, keyed with
 * JAVA_TRUST_STORE_PASSWORD as Java keys it (UTF-16 of the password, then "Mighty Aphrodite").
 */
export function javaTrustStore(pem: string, now = Date.now()): Buffer {
  const certs = [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
  const int = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const utf = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
  };
  const time = Buffer.alloc(8);
  time.writeBigInt64BE(BigInt(now));
  // magic, version 2, entry count; each entry: tag 2 (trusted certificate), alias, date, type, DER.
  const body = Buffer.concat([int(0xfeedfeed), int(2), int(certs.length), ...certs.flatMap((der, i) => [int(2), utf(`loom-host-ca-${i}`), time, utf('X.509'), int(der.length), der])]);
  const key = Buffer.from([...JAVA_TRUST_STORE_PASSWORD].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]));
  const digest = createHash('sha1').update(key).update('Mighty Aphrodite', 'utf8').update(body).digest();
  return Buffer.concat([body, digest]);
}

/** The host's bundle of trusted authorities: the one its own tools are pointed at, else the system's. */
export function hostCaBundlePath(env: Record<string, string | undefined>, exists: (p: string) => boolean): string | undefined {
  const named = [env.SSL_CERT_FILE, env.NODE_EXTRA_CA_CERTS, env.REQUESTS_CA_BUNDLE, '/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt'];
  return named.find((p): p is string => !!p && exists(p));
}

/** As the Lab user, in an empty /workspace: the base checked out, nothing else. */
export const SETUP_CHECKOUT = `set -e
cd /workspace
git init -q -b loom/unborn
git fetch -q --no-tags /tmp/base.bundle "$1:refs/heads/loom-setup"
git checkout -q --detach "$2"
rm -f /tmp/base.bundle
`;

/**
 * As the Lab user, after the setup command: the checkout is taken away (tracked files,
 * the folders only they used, .git), so that any commit checks out over what remains.
 */
export const SETUP_STRIP = `set -e
cd /workspace
git ls-files -z | xargs -0 -r rm -f --
git ls-files -z | xargs -0 -r dirname -z | sort -zur | xargs -0 -r rmdir -p --ignore-fail-on-non-empty -- 2>/dev/null || true
rm -rf .git
`;

/** As root: download caches dropped, and the home kept where runs cannot change it. */
export const SETUP_SEAL_HOME = `set -e
for c in ${DOWNLOAD_CACHES.join(' ')}; do rm -rf "/home/lab/$c"; done
rm -rf ${SETUP_HOME_SEED}
mkdir -p ${SETUP_HOME_SEED.slice(0, SETUP_HOME_SEED.lastIndexOf('/'))}
cp -a /home/lab ${SETUP_HOME_SEED}
chown -R 0:0 ${SETUP_HOME_SEED}
chmod -R go-w ${SETUP_HOME_SEED}
`;

/** The shell step that gives a run the setup's home back after its home was wiped. */
export const RESTORE_SETUP_HOME = `if [ -d ${SETUP_HOME_SEED} ]; then cp -a ${SETUP_HOME_SEED}/. "$HOME"/ 2>/dev/null; fi`;
