// The host's package-manager settings for the setup step: which registry, mirror and proxy
// each tool uses, and the credentials for them, read from where the tools themselves read
// them (or from files loom.config.json names). Pure: the worker reads the files, this says
// what the setup command gets. Only registry, mirror, proxy and credential settings are
// carried; anything else in those files (host paths, build flags) would not fit the container.
import { posix } from 'node:path';
import { redactedUrl, splitOnce, uniqueSecrets, urlSecrets, type Secret } from './registrySecrets';
import { decodeXml, parsePipConf, tomlString, tomlTables, unquote } from './settingsFormats';

export type RegistryTool = 'npm' | 'pip' | 'go' | 'cargo' | 'maven';
export const REGISTRY_TOOLS: readonly RegistryTool[] = ['npm', 'pip', 'go', 'cargo', 'maven'];

/**
 * Where the setup container holds the settings: a tmpfs, which no commit of the container
 * takes in, owned by the Lab user. Cargo reads a config file only from the folders above
 * the workspace and from its home, so its file gets a tmpfs of its own at /.cargo.
 */
export const SETUP_PRIVATE_DIR = '/run/loom-setup';
export const SETUP_CARGO_DIR = '/.cargo';
/** The secrets, one a line: the snapshot is searched for each before it is made. */
export const SETUP_SECRETS_FILE = `${SETUP_PRIVATE_DIR}/.secrets`;

/** Each tool's registry when nothing names one: what the failure message names by default. */
export const DEFAULT_REGISTRIES: Record<RegistryTool, string> = {
  npm: 'https://registry.npmjs.org/',
  pip: 'https://pypi.org/simple',
  go: 'https://proxy.golang.org,direct',
  cargo: 'https://index.crates.io/',
  maven: 'https://repo.maven.apache.org/maven2',
};

export interface HostFile {
  path: string;
  text: string;
}

/** A registry a tool is given, with where that was set: what a failure message names. */
export interface RegistryInUse {
  tool: RegistryTool | 'proxy';
  /** With any password in it replaced by ***. */
  url: string;
  setBy: string;
}

export interface SetupRegistries {
  /** Files to write inside SETUP_PRIVATE_DIR or SETUP_CARGO_DIR, by absolute path. */
  files: Array<{ path: string; content: string }>;
  /** Variables for the setup command's process alone. */
  env: Record<string, string>;
  secrets: Secret[];
  registries: RegistryInUse[];
}

/**
 * What the setup command gets from the host's settings. `files` are the files found, per
 * tool, lowest precedence first; `env` the worker's environment, whose variables count for a
 * tool only when loom.config.json names no file for it (a named file is all the tool gets).
 */
export function setupRegistries(files: Partial<Record<RegistryTool, HostFile[]>>, env: Record<string, string | undefined>, named: Partial<Record<RegistryTool, string>> = {}): SetupRegistries {
  const out: SetupRegistries = { files: [], env: {}, secrets: [], registries: [] };
  const envFor = (tool: RegistryTool) => (named[tool] ? {} : env);
  npmSettings(files.npm ?? [], envFor('npm'), out);
  pipSettings(files.pip ?? [], envFor('pip'), out);
  goSettings(files.go ?? [], envFor('go'), out);
  cargoSettings(files.cargo ?? [], envFor('cargo'), out);
  mavenSettings(files.maven ?? [], out);
  proxySettings(env, out);
  out.secrets = uniqueSecrets(out.secrets);
  return out;
}

const isUrl = (v: string) => /^https?:\/\//i.test(v.trim());

// ---- npm, pnpm, yarn 1 and corepack: npmrc

const NPM_KEYS = new Set(['registry', 'proxy', 'https-proxy', 'http-proxy', 'noproxy', 'no-proxy', 'strict-ssl', 'always-auth', '_auth', '_authtoken', '_password', 'username', 'email', 'replace-registry-host', 'fetch-retries', 'fetch-timeout', 'fetch-retry-mintimeout', 'fetch-retry-maxtimeout']);
const NPM_SECRET_KEY = /(?:^|:)(?:_authToken|_auth|_password)$/i;
// Per-registry certificate paths name files on the host; the host's CA bundle comes apart.
const NPM_HOST_PATH_KEY = /:(?:cafile|certfile|keyfile)$/i;

/** Whether an npmrc key is a registry, mirror, proxy or credential setting. */
export function npmKeyCarried(key: string): boolean {
  if (key.startsWith('//')) return !NPM_HOST_PATH_KEY.test(key);
  if (/^@[^:\s]+:registry$/.test(key)) return true;
  return NPM_KEYS.has(key.toLowerCase());
}

/** `${VAR}` in an npmrc value, as npm expands it from the environment (`${VAR?}`: empty when unset). */
function npmExpand(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/\$\{([^${}?]+)(\?)?\}/g, (whole, name: string, optional?: string) => env[name] ?? (optional ? '' : whole));
}

function npmSettings(files: HostFile[], env: Record<string, string | undefined>, out: SetupRegistries): void {
  const values = new Map<string, { value: string; from: string; variable?: boolean }>();
  for (const f of files) {
    for (const line of f.text.split(/\r?\n/)) {
      const m = /^\s*([^#;=\s][^=]*?)\s*=\s*(.*?)\s*$/.exec(line);
      if (!m) continue;
      const key = npmExpand(m[1]!, env);
      if (npmKeyCarried(key)) values.set(key, { value: npmExpand(m[2]!, env), from: f.path });
    }
  }
  // npm_config_* variables: npm reads the rest of the name, any case, `_` as `-` after the first letter.
  for (const [name, value] of Object.entries(env)) {
    const m = /^npm_config_(.+)$/i.exec(name);
    if (!m || value === undefined) continue;
    const key = m[1]!.startsWith('//') || m[1]!.startsWith('@') ? m[1]! : m[1]!.toLowerCase().replace(/(?!^)_/g, '-');
    if (npmKeyCarried(key)) {
      out.env[name] = value;
      values.set(key, { value, from: `${name} in the worker's environment`, variable: true });
    }
  }
  for (const [key, { value }] of values) {
    if (NPM_SECRET_KEY.test(key)) {
      out.secrets.push({ value: unquote(value), what: `npm's ${key.replace(/^.*:/, '')}${key.startsWith('//') ? ` for ${key.slice(0, key.lastIndexOf(':'))}` : ''}` });
      // _auth is base64 of user:password, _password base64 of the password: the decoded parts are secrets too.
      const decoded = Buffer.from(unquote(value), 'base64').toString('utf8');
      const pw = /_auth$/i.test(key) ? splitOnce(decoded, ':')[1] : /_password$/i.test(key) ? decoded : undefined;
      if (pw) out.secrets.push({ value: pw, what: `npm's password${key.startsWith('//') ? ` for ${key.slice(0, key.lastIndexOf(':'))}` : ''}` });
    }
    if (isUrl(unquote(value))) out.secrets.push(...urlSecrets(unquote(value), `the password in npm's ${key}`));
  }
  const fileKeys = [...values].filter(([, v]) => !v.variable);
  if (fileKeys.length) {
    const path = `${SETUP_PRIVATE_DIR}/npmrc`;
    out.files.push({ path, content: fileKeys.map(([k, v]) => `${k}=${v.value}\n`).join('') });
    out.env.NPM_CONFIG_USERCONFIG = path;
  }
  const registry = values.get('registry');
  if (registry) out.registries.push({ tool: 'npm', url: redactedUrl(unquote(registry.value)), setBy: `registry in ${registry.from}` });
  for (const [key, v] of values) if (/^@.+:registry$/.test(key)) out.registries.push({ tool: 'npm', url: redactedUrl(unquote(v.value)), setBy: `${key} in ${v.from}` });

  // Corepack fetches pnpm and yarn themselves from its own setting, npm's registry unless the host names another.
  const corepackRegistry = env.COREPACK_NPM_REGISTRY ?? (registry ? unquote(registry.value) : undefined);
  if (corepackRegistry) out.env.COREPACK_NPM_REGISTRY = corepackRegistry;
  const token = env.COREPACK_NPM_TOKEN ?? (corepackRegistry ? npmTokenFor(corepackRegistry, values) : undefined);
  if (token) {
    out.env.COREPACK_NPM_TOKEN = token;
    out.secrets.push({ value: token, what: "corepack's npm token" });
  }
  for (const name of ['COREPACK_NPM_USERNAME', 'COREPACK_NPM_PASSWORD', 'YARN_NPM_REGISTRY_SERVER', 'YARN_NPM_AUTH_TOKEN', 'YARN_NPM_AUTH_IDENT', 'YARN_NPM_ALWAYS_AUTH', 'YARN_HTTP_PROXY', 'YARN_HTTPS_PROXY', 'YARN_UNSAFE_HTTP_WHITELIST']) {
    const value = env[name];
    if (value === undefined) continue;
    out.env[name] = value;
    if (/TOKEN|PASSWORD|IDENT/.test(name)) out.secrets.push({ value, what: name });
    if (isUrl(value)) out.secrets.push(...urlSecrets(value, `the password in ${name}`));
  }
}

/** The token an npmrc gives a registry: `//host/path/:_authToken` of the longest path that matches it. */
function npmTokenFor(registry: string, values: Map<string, { value: string }>): string | undefined {
  const nerf = registry.replace(/^https?:/i, '').replace(/\/?$/, '/');
  let best: { len: number; value: string } | undefined;
  for (const [key, { value }] of values) {
    const m = /^(\/\/.*):_authToken$/i.exec(key);
    if (m && nerf.startsWith(m[1]!.replace(/\/?$/, '/')) && (!best || m[1]!.length > best.len)) best = { len: m[1]!.length, value: unquote(value) };
  }
  return best?.value;
}

// ---- pip (and uv's variables): pip.conf

const PIP_KEYS = new Set(['index-url', 'extra-index-url', 'trusted-host', 'proxy', 'find-links', 'no-index', 'retries', 'timeout', 'default-timeout']);
const PIP_VARS = ['PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'PIP_TRUSTED_HOST', 'PIP_PROXY', 'PIP_FIND_LINKS', 'PIP_NO_INDEX', 'PIP_RETRIES', 'PIP_TIMEOUT', 'PIP_DEFAULT_TIMEOUT', 'UV_INDEX_URL', 'UV_EXTRA_INDEX_URL', 'UV_DEFAULT_INDEX', 'UV_INDEX'];
const PIP_URL_KEYS = new Set(['index-url', 'extra-index-url', 'find-links', 'proxy']);

function pipSettings(files: HostFile[], env: Record<string, string | undefined>, out: SetupRegistries): void {
  const merged = new Map<string, Map<string, { value: string; from: string }>>();
  for (const f of files) {
    for (const [name, keys] of parsePipConf(f.text)) {
      for (const [key, raw] of keys) {
        if (!PIP_KEYS.has(key)) continue;
        // find-links may name folders on the host, which the container does not have.
        const value = key === 'find-links' ? raw.split(/\s+/).filter(isUrl).join('\n') : raw;
        if (!value) continue;
        if (!merged.has(name)) merged.set(name, new Map());
        merged.get(name)!.set(key, { value, from: f.path });
      }
    }
  }
  const text = [...merged].filter(([, keys]) => keys.size).map(([name, keys]) => `[${name}]\n${[...keys].map(([k, v]) => `${k} = ${v.value.split('\n').join('\n    ')}\n`).join('')}`).join('\n');
  if (text) {
    const path = `${SETUP_PRIVATE_DIR}/pip.conf`;
    out.files.push({ path, content: text });
    out.env.PIP_CONFIG_FILE = path;
  }
  for (const [, keys] of merged) {
    for (const [key, { value }] of keys) if (PIP_URL_KEYS.has(key)) for (const url of value.split(/\s+/)) out.secrets.push(...urlSecrets(url, `the password in pip's ${key}`));
  }
  let index = ['install', 'global'].map((s) => merged.get(s)?.get('index-url')).find(Boolean);
  let setBy = index ? `index-url in ${index.from}` : '';
  for (const name of PIP_VARS) {
    const value = env[name];
    if (value === undefined) continue;
    const carried = name.endsWith('FIND_LINKS') ? value.split(/\s+/).filter(isUrl).join(' ') : value;
    if (!carried) continue;
    out.env[name] = carried;
    for (const url of carried.split(/\s+/)) out.secrets.push(...urlSecrets(url, `the password in ${name}`));
    if (name === 'PIP_INDEX_URL') {
      index = { value: carried, from: '' };
      setBy = `PIP_INDEX_URL in the worker's environment`;
    }
  }
  if (index) out.registries.push({ tool: 'pip', url: redactedUrl(index.value), setBy });
}

// ---- go: the go env file (`go env -w`) and its variables

const GO_VARS = ['GOPROXY', 'GONOPROXY', 'GOPRIVATE', 'GOSUMDB', 'GONOSUMDB', 'GOINSECURE', 'GOFLAGS'];

function goSettings(files: HostFile[], env: Record<string, string | undefined>, out: SetupRegistries): void {
  const values = new Map<string, { value: string; from: string }>();
  for (const f of files) {
    for (const line of f.text.split(/\r?\n/)) {
      const m = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
      if (m && GO_VARS.includes(m[1]!)) values.set(m[1]!, { value: m[2]!, from: f.path });
    }
  }
  for (const name of GO_VARS) if (env[name] !== undefined) values.set(name, { value: env[name]!, from: "the worker's environment" });
  // The Lab image turns the proxy off for the sealed runs; the setup step uses what the host's go would.
  const proxy = values.get('GOPROXY') ?? { value: DEFAULT_REGISTRIES.go, from: '' };
  out.env.GOPROXY = proxy.value;
  for (const [name, { value }] of values) {
    out.env[name] = value;
    for (const url of value.split(/[\s,|]+/)) out.secrets.push(...urlSecrets(url, `the password in ${name}`));
  }
  out.registries.push({ tool: 'go', url: proxy.value.split(/[,|]/).map(redactedUrl).join(','), setBy: proxy.from ? `GOPROXY in ${proxy.from}` : "Go's default GOPROXY" });
}

// ---- cargo: config.toml and credentials.toml

const CARGO_TABLES = new Set(['source', 'registries', 'registry', 'http', 'net']);
const CARGO_VAR = /^CARGO_(?:REGISTRIES_|REGISTRY_|HTTP_PROXY$|HTTP_TIMEOUT$|HTTP_MULTIPLEXING$|HTTP_CHECK_REVOKE$|NET_RETRY$|NET_GIT_FETCH_WITH_CLI$)/;

function cargoSettings(files: HostFile[], env: Record<string, string | undefined>, out: SetupRegistries): void {
  const byName = (re: RegExp) => files.filter((f) => re.test(posix.basename(f.path)));
  // The file without the extension wins, as cargo reads it.
  const config = byName(/^config(?:\.toml)?$/).sort((a, b) => Number(b.path.endsWith('.toml')) - Number(a.path.endsWith('.toml'))).at(-1);
  const credentials = byName(/^credentials(?:\.toml)?$/).sort((a, b) => Number(b.path.endsWith('.toml')) - Number(a.path.endsWith('.toml'))).at(-1);
  if (config) {
    const kept: string[] = [];
    for (const t of tomlTables(config.text)) {
      if (t.name === '') {
        // Dotted keys at the top: `source.crates-io.replace-with = "mirror"`.
        kept.push(...t.lines.filter((l) => CARGO_TABLES.has(/^\s*([A-Za-z0-9_-]+)\./.exec(l)?.[1] ?? '')));
      } else if (CARGO_TABLES.has(t.name.split('.')[0]!)) kept.push(...t.lines);
    }
    for (const t of tomlTables(kept.join('\n'))) {
      for (const line of t.lines) {
        const key = /^\s*([A-Za-z0-9_.-]+)\s*=/.exec(line)?.[1];
        const value = tomlString(line);
        const v = value?.[1] ?? value?.[2];
        if (!key || v === undefined) continue;
        if (/(?:^|\.)token$/.test(key)) out.secrets.push({ value: v, what: `cargo's token for ${t.name || key}` });
        if (isUrl(v) || /^sparse\+https?:/.test(v)) out.secrets.push(...urlSecrets(v.replace(/^sparse\+/, ''), `the password in cargo's ${t.name ? `${t.name}.` : ''}${key}`));
        if (/^(?:registry|index)$/.test(key) && /^(?:source|registries)\./.test(t.name)) out.registries.push({ tool: 'cargo', url: redactedUrl(v), setBy: `[${t.name}] ${key} in ${config.path}` });
      }
    }
    const text = kept.join('\n').trim();
    if (text) out.files.push({ path: `${SETUP_CARGO_DIR}/config.toml`, content: `${text}\n` });
  }
  if (credentials) {
    // Credentials only come from cargo's home, which the snapshot keeps: they go as variables instead.
    for (const t of tomlTables(credentials.text)) {
      for (const line of t.lines) {
        const m = /^\s*token\s*=/.test(line) ? tomlString(line) : null;
        const token = m?.[1] ?? m?.[2];
        if (token === undefined) continue;
        const name = t.name === 'registry' ? 'CARGO_REGISTRY_TOKEN' : /^registries\.(.+)$/.test(t.name) ? `CARGO_REGISTRIES_${t.name.slice('registries.'.length).toUpperCase().replace(/-/g, '_')}_TOKEN` : undefined;
        if (!name) continue;
        out.env[name] = token;
        out.secrets.push({ value: token, what: `cargo's token for ${t.name}` });
      }
    }
  }
  for (const [name, value] of Object.entries(env)) {
    if (!CARGO_VAR.test(name) || value === undefined) continue;
    out.env[name] = value;
    if (/_TOKEN$/.test(name)) out.secrets.push({ value, what: name });
    out.secrets.push(...urlSecrets(value.replace(/^sparse\+/, ''), `the password in ${name}`));
  }
}

// ---- Maven: settings.xml

const XML_SECRETS = ['password', 'passphrase', 'master'];

function mavenSettings(files: HostFile[], out: SetupRegistries): void {
  const settings = files.find((f) => posix.basename(f.path) !== 'settings-security.xml');
  const security = files.find((f) => posix.basename(f.path) === 'settings-security.xml');
  const args: string[] = [];
  if (settings) {
    // The local repository is a folder on the host; the container keeps its own (~/.m2/repository), which the snapshot holds.
    const text = settings.text.replace(/<localRepository>[\s\S]*?<\/localRepository>/g, '').replace(/<offline>[\s\S]*?<\/offline>/g, '');
    const path = `${SETUP_PRIVATE_DIR}/maven-settings.xml`;
    out.files.push({ path, content: text });
    args.push('-s', path);
    for (const m of text.matchAll(/<mirror>([\s\S]*?)<\/mirror>/g)) {
      const url = /<url>\s*([^<\s]+)\s*<\/url>/.exec(m[1]!)?.[1];
      if (url) out.registries.push({ tool: 'maven', url: redactedUrl(url), setBy: `<mirror> ${/<id>\s*([^<]+?)\s*<\/id>/.exec(m[1]!)?.[1] ?? ''} in ${settings.path}` });
    }
    for (const m of text.matchAll(/<url>\s*([^<\s]+)\s*<\/url>/g)) out.secrets.push(...urlSecrets(decodeXml(m[1]!), 'the password in a Maven <url>'));
    for (const m of text.matchAll(/<httpHeaders>([\s\S]*?)<\/httpHeaders>/g)) for (const v of m[1]!.matchAll(/<value>\s*([^<]+?)\s*<\/value>/g)) out.secrets.push({ value: decodeXml(v[1]!), what: 'a Maven HTTP header value' });
  }
  if (security) {
    const path = `${SETUP_PRIVATE_DIR}/settings-security.xml`;
    out.files.push({ path, content: security.text });
    args.push(`-Dsettings.security=${path}`);
  }
  for (const f of [settings, security]) {
    for (const tag of XML_SECRETS) for (const m of (f?.text ?? '').matchAll(new RegExp(`<${tag}>\\s*([^<]+?)\\s*</${tag}>`, 'g'))) out.secrets.push({ value: decodeXml(m[1]!), what: `a Maven <${tag}>` });
  }
  // MAVEN_ARGS (Maven 3.9 and later) goes before the command's own arguments.
  if (args.length) out.env.MAVEN_ARGS = args.join(' ');
}

// ---- proxies every tool reads

const PROXY_VARS = ['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'all_proxy', 'no_proxy'];

function proxySettings(env: Record<string, string | undefined>, out: SetupRegistries): void {
  for (const name of PROXY_VARS) {
    const value = env[name];
    if (!value) continue;
    out.env[name] = value;
    out.secrets.push(...urlSecrets(value, `the password in ${name}`));
    if (/PROXY$/i.test(name) && !/^no_/i.test(name)) out.registries.push({ tool: 'proxy', url: redactedUrl(value), setBy: `${name} in the worker's environment` });
  }
}
