import { describe, expect, it } from 'vitest';
import { setupRegistries, SETUP_CARGO_DIR, SETUP_PRIVATE_DIR, type HostFile } from '../../../lab/hostRegistries';
import { registrySources } from '../../../lab/registrySources';
import { redactedUrl, redactSecrets, scannedSecrets, urlSecrets } from '../../../lab/registrySecrets';

const file = (path: string, text: string): HostFile => ({ path, text });
const secretValues = (r: ReturnType<typeof setupRegistries>) => r.secrets.map((s) => s.value).sort();
const fileAt = (r: ReturnType<typeof setupRegistries>, path: string) => r.files.find((f) => f.path === path)?.content;

describe("where the host's package managers keep their settings", () => {
  it("reads each tool's own files, lowest precedence first, and a file loom.config.json names instead", () => {
    const s = registrySources({}, '/home/u');
    expect(s.npm).toEqual(['/usr/local/etc/npmrc', '/home/u/.npmrc']);
    expect(s.pip).toEqual(['/etc/xdg/pip/pip.conf', '/etc/pip.conf', '/home/u/.pip/pip.conf', '/home/u/.config/pip/pip.conf']);
    expect(s.go).toEqual(['/home/u/.config/go/env']);
    expect(s.cargo).toEqual(['/home/u/.cargo/config.toml', '/home/u/.cargo/config', '/home/u/.cargo/credentials.toml', '/home/u/.cargo/credentials']);
    expect(s.maven).toEqual(['/home/u/.m2/settings.xml', '/home/u/.m2/settings-security.xml']);
    const moved = registrySources({ NPM_CONFIG_USERCONFIG: '/etc/corp/npmrc', PIP_CONFIG_FILE: '/etc/corp/pip.conf', GOENV: '/etc/corp/go.env', CARGO_HOME: '/opt/cargo', XDG_CONFIG_HOME: '/x' }, '/home/u');
    expect(moved.npm[1]).toBe('/etc/corp/npmrc');
    expect(moved.pip.at(-1)).toBe('/etc/corp/pip.conf');
    expect(moved.pip).toContain('/x/pip/pip.conf');
    expect(moved.go).toEqual(['/etc/corp/go.env']);
    expect(moved.cargo[0]).toBe('/opt/cargo/config.toml');
    expect(registrySources({ PIP_CONFIG_FILE: '/dev/null', GOENV: 'off' }, '/h').pip).toEqual([]);
    const named = registrySources({}, '/home/u', { npm: '~/ci/npmrc', maven: '/etc/m2.xml' });
    expect(named.npm).toEqual(['/home/u/ci/npmrc']);
    expect(named.maven).toEqual(['/etc/m2.xml']);
  });
});

describe('npm, pnpm, yarn and corepack', () => {
  it("carries the registries, scopes, proxies and tokens of the npmrc files, and nothing else", () => {
    const r = setupRegistries(
      {
        npm: [
          file('/usr/local/etc/npmrc', 'cafile=/etc/ssl/certs/ca-certificates.crt\nregistry=https://global.example/\n'),
          file('/home/u/.npmrc', [
            '# the company mirror',
            'registry=https://npm.corp.example/',
            '@corp:registry=https://npm.corp.example/private/',
            '//npm.corp.example/:_authToken=${NPM_TOKEN}',
            '//npm.corp.example/private/:_auth=dXNlcjpzM2NyZXQtcGFzcw==',
            '//npm.corp.example/:certfile=/home/u/client.pem',
            'https-proxy=http://proxyuser:proxy-pass-99@proxy.corp.example:3128',
            'nodedir=/usr',
            'omit-lockfile-registry-resolved=true',
          ].join('\n')),
        ],
      },
      { NPM_TOKEN: 'npm_tokenvalue123' },
    );
    const npmrc = fileAt(r, `${SETUP_PRIVATE_DIR}/npmrc`)!;
    expect(npmrc).toBe([
      'registry=https://npm.corp.example/',
      '@corp:registry=https://npm.corp.example/private/',
      '//npm.corp.example/:_authToken=npm_tokenvalue123',
      '//npm.corp.example/private/:_auth=dXNlcjpzM2NyZXQtcGFzcw==',
      'https-proxy=http://proxyuser:proxy-pass-99@proxy.corp.example:3128',
      '',
    ].join('\n'));
    expect(r.env.NPM_CONFIG_USERCONFIG).toBe(`${SETUP_PRIVATE_DIR}/npmrc`);
    // Corepack fetches pnpm and yarn from npm's registry, with its token.
    expect(r.env).toMatchObject({ COREPACK_NPM_REGISTRY: 'https://npm.corp.example/', COREPACK_NPM_TOKEN: 'npm_tokenvalue123' });
    expect(secretValues(r)).toEqual(['dXNlcjpzM2NyZXQtcGFzcw==', 'npm_tokenvalue123', 'proxy-pass-99', 's3cret-pass'].sort());
    expect(r.secrets.find((s) => s.value === 'npm_tokenvalue123')!.what).toBe("npm's _authToken for //npm.corp.example/");
    expect(r.registries.filter((g) => g.tool === 'npm')).toEqual([
      { tool: 'npm', url: 'https://npm.corp.example/', setBy: 'registry in /home/u/.npmrc' },
      { tool: 'npm', url: 'https://npm.corp.example/private/', setBy: '@corp:registry in /home/u/.npmrc' },
    ]);
  });

  it("gives nothing of an npmrc without registry settings (this machine's own, say)", () => {
    const r = setupRegistries({ npm: [file('/root/.npmrc', 'omit-lockfile-registry-resolved=true\nfund=false\naudit=false\nnodedir=/usr\n'), file('/usr/local/etc/npmrc', 'cafile=/etc/ssl/certs/ca-certificates.crt\n')] }, {});
    expect(r.files.filter((f) => f.path.endsWith('npmrc'))).toEqual([]);
    expect(r.env.NPM_CONFIG_USERCONFIG).toBeUndefined();
    expect(r.env.COREPACK_NPM_REGISTRY).toBeUndefined();
  });

  it('passes npm_config_ variables of the same kinds, and a named file leaves the environment out', () => {
    const env = { npm_config_registry: 'https://env.example/', NPM_CONFIG_NODEDIR: '/usr', YARN_NPM_AUTH_TOKEN: 'yarn-token-0001' };
    const r = setupRegistries({}, env);
    expect(r.env).toMatchObject({ npm_config_registry: 'https://env.example/', COREPACK_NPM_REGISTRY: 'https://env.example/', YARN_NPM_AUTH_TOKEN: 'yarn-token-0001' });
    expect(r.env.NPM_CONFIG_NODEDIR).toBeUndefined();
    expect(secretValues(r)).toEqual(['yarn-token-0001']);
    const named = setupRegistries({ npm: [file('/etc/ci.npmrc', 'registry=https://ci.example/\n')] }, env, { npm: '/etc/ci.npmrc' });
    expect(named.env.npm_config_registry).toBeUndefined();
    expect(named.env.COREPACK_NPM_REGISTRY).toBe('https://ci.example/');
  });
});

describe('pip', () => {
  it('merges the pip.conf files into one of their index, mirror and proxy keys; PIP_ variables pass as they are', () => {
    const r = setupRegistries(
      {
        pip: [
          file('/etc/pip.conf', '[global]\ncert = /etc/ssl/certs/ca-certificates.crt\nindex-url = https://pypi.org/simple\n'),
          file('/home/u/.config/pip/pip.conf', '[global]\nindex_url = https://pyuser:py-secret-77@pypi.corp.example/simple\nextra-index-url =\n    https://extra.example/simple\n    https://tok-only-abcdef@more.example/simple\nfind-links = /opt/wheels https://wheels.example/\ntimeout = 60\nuser = true\n[install]\ntrusted-host = pypi.corp.example\n'),
        ],
      },
      { PIP_FIND_LINKS: '/opt/wheels', PIP_DEFAULT_TIMEOUT: '180', PIP_DISABLE_PIP_VERSION_CHECK: '1' },
    );
    expect(fileAt(r, `${SETUP_PRIVATE_DIR}/pip.conf`)).toBe(
      '[global]\nindex-url = https://pyuser:py-secret-77@pypi.corp.example/simple\nextra-index-url = \n    https://extra.example/simple\n    https://tok-only-abcdef@more.example/simple\nfind-links = https://wheels.example/\ntimeout = 60\n\n[install]\ntrusted-host = pypi.corp.example\n',
    );
    expect(r.env.PIP_CONFIG_FILE).toBe(`${SETUP_PRIVATE_DIR}/pip.conf`);
    // A folder on the host is nothing in the container.
    expect(r.env).toMatchObject({ PIP_DEFAULT_TIMEOUT: '180' });
    expect(r.env.PIP_FIND_LINKS).toBeUndefined();
    expect(r.env.PIP_DISABLE_PIP_VERSION_CHECK).toBeUndefined();
    expect(secretValues(r)).toEqual(['py-secret-77', 'tok-only-abcdef']);
    expect(r.registries.find((g) => g.tool === 'pip')).toEqual({ tool: 'pip', url: 'https://pyuser:***@pypi.corp.example/simple', setBy: 'index-url in /home/u/.config/pip/pip.conf' });
    const byVar = setupRegistries({}, { PIP_INDEX_URL: 'https://u:var-secret-1@idx.example/simple' });
    expect(byVar.env.PIP_INDEX_URL).toBe('https://u:var-secret-1@idx.example/simple');
    expect(byVar.registries.find((g) => g.tool === 'pip')!.setBy).toBe("PIP_INDEX_URL in the worker's environment");
    expect(secretValues(byVar)).toEqual(['var-secret-1']);
  });
});

describe('go', () => {
  it("takes GOPROXY and its kin from `go env -w`'s file and the environment, else Go's own default (the Lab image turns it off)", () => {
    const r = setupRegistries({ go: [file('/home/u/.config/go/env', 'GOFLAGS=-buildvcs=false\nGOTOOLCHAIN=local\nGOPROXY=https://goproxy.corp.example\n')] }, { GONOSUMDB: 'corp.example', GOPROXY: 'https://gouser:go-secret-42@goproxy.corp.example/go,direct', HOME: '/home/u' });
    expect(r.env).toMatchObject({ GOPROXY: 'https://gouser:go-secret-42@goproxy.corp.example/go,direct', GOFLAGS: '-buildvcs=false', GONOSUMDB: 'corp.example' });
    expect(r.env.GOTOOLCHAIN).toBeUndefined();
    expect(r.env.HOME).toBeUndefined();
    expect(secretValues(r)).toEqual(['go-secret-42']);
    expect(r.registries.find((g) => g.tool === 'go')).toEqual({ tool: 'go', url: 'https://gouser:***@goproxy.corp.example/go,direct', setBy: "GOPROXY in the worker's environment" });
    expect(setupRegistries({}, {}).env.GOPROXY).toBe('https://proxy.golang.org,direct');
  });
});

describe('cargo', () => {
  it('keeps the source, registry, http and net tables of config.toml, for /.cargo; credentials go as variables', () => {
    const config = [
      '[build]',
      'target-dir = "/home/u/target"',
      '',
      '[source.crates-io]',
      'replace-with = "corp"',
      '',
      '[source.corp]',
      'registry = "sparse+https://cargo.corp.example/index/"',
      '',
      '[registries.corp]',
      'index = "sparse+https://cargo.corp.example/index/"',
      '',
      '[target.x86_64-unknown-linux-gnu]',
      'linker = "/usr/bin/clang"',
      '',
      '[http]',
      'proxy = "http://pu:cargo-proxy-pw@proxy.example:3128"',
    ].join('\n');
    const r = setupRegistries({ cargo: [file('/home/u/.cargo/config.toml', config), file('/home/u/.cargo/credentials.toml', '[registries.corp]\ntoken = "cargo-token-123"\n\n[registry]\ntoken = "crates-io-token-9"\n')] }, { CARGO_NET_RETRY: '5', CARGO_TARGET_DIR: '/x' });
    const kept = fileAt(r, `${SETUP_CARGO_DIR}/config.toml`)!;
    expect(kept).toContain('[source.crates-io]\nreplace-with = "corp"');
    expect(kept).toContain('[registries.corp]\nindex = "sparse+https://cargo.corp.example/index/"');
    expect(kept).toContain('proxy = "http://pu:cargo-proxy-pw@proxy.example:3128"');
    expect(kept).not.toMatch(/target-dir|linker|\[build\]/);
    expect(r.env).toMatchObject({ CARGO_REGISTRIES_CORP_TOKEN: 'cargo-token-123', CARGO_REGISTRY_TOKEN: 'crates-io-token-9', CARGO_NET_RETRY: '5' });
    expect(r.env.CARGO_TARGET_DIR).toBeUndefined();
    expect(secretValues(r)).toEqual(['cargo-proxy-pw', 'cargo-token-123', 'crates-io-token-9']);
    expect(r.files.some((f) => /credentials/.test(f.path))).toBe(false);
    expect(r.registries.find((g) => g.tool === 'cargo')).toMatchObject({ url: 'sparse+https://cargo.corp.example/index/', setBy: '[source.corp] registry in /home/u/.cargo/config.toml' });
  });
});

describe('Maven', () => {
  it("passes settings.xml without the host's local repository, by MAVEN_ARGS, its passwords secrets", () => {
    const xml = `<settings>
  <localRepository>/home/u/.m2/repository</localRepository>
  <mirrors><mirror><id>corp</id><mirrorOf>*</mirrorOf><url>https://maven.corp.example/repo</url></mirror></mirrors>
  <servers><server><id>corp</id><username>deploy</username><password>mvn-pass-&amp;-more</password></server></servers>
</settings>`;
    const r = setupRegistries({ maven: [file('/home/u/.m2/settings.xml', xml)] }, {});
    const kept = fileAt(r, `${SETUP_PRIVATE_DIR}/maven-settings.xml`)!;
    expect(kept).not.toContain('localRepository');
    expect(kept).toContain('<mirrorOf>*</mirrorOf>');
    expect(r.env.MAVEN_ARGS).toBe(`-s ${SETUP_PRIVATE_DIR}/maven-settings.xml`);
    expect(secretValues(r)).toEqual(['mvn-pass-&-more']);
    expect(r.registries.find((g) => g.tool === 'maven')).toEqual({ tool: 'maven', url: 'https://maven.corp.example/repo', setBy: '<mirror> corp in /home/u/.m2/settings.xml' });
  });
});

describe('proxies and secrets', () => {
  it('passes the proxy variables every tool reads, their passwords secrets', () => {
    const r = setupRegistries({}, { HTTPS_PROXY: 'http://me:proxy-secret-5@127.0.0.1:3128', no_proxy: 'localhost' });
    expect(r.env).toMatchObject({ HTTPS_PROXY: 'http://me:proxy-secret-5@127.0.0.1:3128', no_proxy: 'localhost' });
    expect(secretValues(r)).toEqual(['proxy-secret-5']);
  });

  it("finds a URL's password or lone token, shows it as ***, and searches the snapshot only for values long enough to mean something", () => {
    expect(urlSecrets('https://u:p%40ss-word@h/x', 'w').map((s) => s.value)).toEqual(['p%40ss-word', 'p@ss-word']);
    expect(urlSecrets('https://tokenonly@h/', 'w').map((s) => s.value)).toEqual(['tokenonly']);
    expect(urlSecrets('https://h/', 'w')).toEqual([]);
    expect(redactedUrl('https://u:pw@h/x')).toBe('https://u:***@h/x');
    expect(redactedUrl('https://tok@h/x')).toBe('https://***@h/x');
    expect(redactSecrets('token abc-long-secret and abc', [{ value: 'abc', what: '' }, { value: 'abc-long-secret', what: '' }])).toBe('token *** and ***');
    expect(scannedSecrets([{ value: 'short', what: '' }, { value: 'long-enough', what: '' }]).map((s) => s.value)).toEqual(['long-enough']);
  });
});
