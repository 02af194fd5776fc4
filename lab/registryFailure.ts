// What a failed setup's output says about the registries it used: which one could not be
// reached, trusted, authenticated to or did not have the package, and the setting that
// changes it. Pure: the output and what the setup step was given in, one sentence out.
import { DEFAULT_REGISTRIES, type RegistryInUse, type RegistryTool } from './hostRegistries';
import { redactedUrl } from './registrySecrets';

export type RegistryProblem = 'certificate' | 'unreachable' | 'refused credentials' | 'not found';

// Most specific first: a TLS failure often also says the connection failed.
const PROBLEMS: Array<[RegistryProblem, RegExp]> = [
  ['certificate', /certificate|CERT_|x509|PKIX|SSLError|SSL routines|self[- ]signed|unable to (?:get local issuer|verify the first)|SSL peer/i],
  ['refused credentials', /\bE40[13]\b|40[13] (?:Unauthorized|Forbidden)|HTTP error 40[13]|status(?: code)?:? 40[13]\b|\b40[13] Client Error|authentication required|Unauthorized|Forbidden/i],
  ['unreachable', /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|connection refused|Failed to establish a new connection|no such host|Name or service not known|Temporary failure in name resolution|Could not resolve host|Couldn't connect|network is unreachable|i\/o timeout|Connection timed out|Max retries exceeded|ProxyError|Could not connect|connect timed out|UnknownHostException|ConnectException/i],
  ['not found', /\bE404\b|404 Not Found|Not Found - GET|No matching distribution found|Could not find a version that satisfies|no matching package named|Could not find artifact|404 Client Error|not found: |status code 404|\b410 Gone/i],
];

// Which tool wrote a line: its own prefixes and phrasing.
const TOOLS: Array<[RegistryTool, RegExp]> = [
  ['npm', /^npm (?:ERR!|error|warn)|ERR_PNPM|\bpnpm\b|YN\d{4}|\byarn\b|corepack/i],
  ['pip', /\bpip\b|Looking in indexes|No matching distribution|Could not find a version that satisfies|\buv\b/i],
  ['go', /^go: |GOPROXY|GOSUMDB|\/@v\/|sum\.golang\.org/],
  ['cargo', /\bcargo\b|crates\.io|\bcrate\b|registry index|as a dependency of package|^Caused by:/i],
  ['maven', /^\[ERROR\]|\bmaven\b|Could not (?:transfer|resolve|find) artifact|\bmvn\b/i],
];

const SETTING: Record<RegistryTool, string> = {
  npm: '`registry` (or `@scope:registry`) and the `//host/:_authToken` in ~/.npmrc, or NPM_CONFIG_REGISTRY',
  pip: '`index-url` in pip.conf, or PIP_INDEX_URL',
  go: 'GOPROXY (GONOSUMDB or GOPRIVATE for private modules) in the environment or by `go env -w`',
  cargo: '[source.crates-io] replace-with and its [source.*] or [registries.*] in ~/.cargo/config.toml, and its token in ~/.cargo/credentials.toml',
  maven: 'a <mirror> (and its <server> credentials) in ~/.m2/settings.xml',
};

const FIX: Record<RegistryProblem, (tool: RegistryTool) => string> = {
  certificate: () => "the setup step trusts the worker's certificate authorities, the bundle SSL_CERT_FILE or NODE_EXTRA_CA_CERTS names, else the system's: add the registry's CA there",
  unreachable: (tool) => `point ${SETTING[tool]} on the worker at a registry the worker reaches (HTTPS_PROXY for a proxy), or name a file in "setupRegistries.${tool}" in loom.config.json`,
  'refused credentials': (tool) => `set the registry's credentials in ${SETTING[tool]} on the worker, or in the file "setupRegistries.${tool}" in loom.config.json names`,
  'not found': (tool) => `the package is not on that registry: point ${SETTING[tool]} on the worker at one that has it, or name a file in "setupRegistries.${tool}" in loom.config.json`,
};

const URL_RE = /(?:sparse\+)?https?:\/\/[^\s"'`<>)\]]+/;

/**
 * The registry problem a failed setup's output shows, as one sentence naming the registry
 * URL tried, where that was set and what to set; undefined when the output shows none.
 */
export function registryFailure(output: string, given: RegistryInUse[]): string | undefined {
  const lines = output.split(/\r?\n/);
  for (const [problem, re] of PROBLEMS) {
    const at = lines.findIndex((l) => re.test(l));
    if (at < 0) continue;
    // The URL on the line, else on the lines just before it (pip and npm name it there), else the tool's own registry.
    const near = [lines[at]!, ...lines.slice(Math.max(0, at - 3), at).reverse(), ...lines.slice(at + 1, at + 3)];
    const found = near.map((l) => URL_RE.exec(l)?.[0]).find(Boolean)?.replace(/[.,:;]+$/, '');
    const seen = found && redactedUrl(found);
    const tool = toolOf(lines, at, seen, given);
    if (!tool) continue;
    const inUse = given.find((g) => g.tool === tool);
    const url = seen ?? inUse?.url ?? DEFAULT_REGISTRIES[tool];
    const origin = inUse ? `${inUse.url}, from ${inUse.setBy}` : `${DEFAULT_REGISTRIES[tool]}, ${tool}'s default: the worker names none`;
    const what = problem === 'certificate' ? `does not trust the certificate of ${url}` : problem === 'unreachable' ? `could not reach ${url}` : problem === 'refused credentials' ? `was refused by ${url} (401/403)` : `did not find the package on ${url}`;
    return `${tool} ${what} (the setup step gave it ${origin}); ${FIX[problem](tool)}`;
  }
  return undefined;
}

function toolOf(lines: string[], at: number, url: string | undefined, given: RegistryInUse[]): RegistryTool | undefined {
  const host = url && /^(?:sparse\+)?https?:\/\/(?:[^@/]*@)?([^/]+)/.exec(url)?.[1];
  const byHost = host ? given.find((g) => g.tool !== 'proxy' && g.url.includes(host)) : undefined;
  if (byHost) return byHost.tool as RegistryTool;
  // The line itself, then the lines around it, nearest first.
  const order = [at, ...Array.from({ length: 6 }, (_, i) => [at - i - 1, at + i + 1]).flat()].filter((i) => i >= 0 && i < lines.length);
  for (const i of order) for (const [tool, re] of TOOLS) if (re.test(lines[i]!)) return tool;
  return undefined;
}
