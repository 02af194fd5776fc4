// The ambient capabilities a program.md may declare (## Capabilities), and how a bullet
// names one: part of the program.md format, so that a bullet naming none is a validation
// problem before anything runs. What each one means in code is verify/capabilities.ts. Pure.

export const CAPABILITIES = ['environment', 'arguments', 'call stack', 'source files', 'test runner', 'dynamic code', 'process internals'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Words a ## Capabilities bullet may start with, for each capability. */
const NAMES: Array<[RegExp, Capability]> = [
  [/^(?:the\s+)?env(?:ironment)?(?:\s+variables?)?\b/i, 'environment'],
  [/^(?:process\s+|command[- ]line\s+)?arg(?:ument)?s?\b|^argv\b/i, 'arguments'],
  [/^(?:the\s+)?(?:call\s*)?stack\b|^stack\s*traces?\b/i, 'call stack'],
  [/^(?:its\s+own\s+|own\s+)?source(?:\s+(?:files?|code))?\b/i, 'source files'],
  [/^(?:the\s+)?test[- ]runner\b/i, 'test runner'],
  [/^dynamic[- ]code\b/i, 'dynamic code'],
  [/^process[- ]internals\b/i, 'process internals'],
];

/**
 * The capability a `## May <verb> <capability>` heading declares ("May read the environment",
 * "May inspect the call stack", "May build code from strings"): the other way program.md
 * declares one, with bullets that say what (the variables, the flags). Undefined when the
 * heading is not of that form; 'unknown' when it is, but names no capability.
 */
export function capabilityOfHeading(heading: string): Capability | 'unknown' | undefined {
  const m = /^may\s+(?:read|use|inspect|access|reach(?:\s+into)?|load|examine|see|look\s+at|build|change|call|touch)\s+(.*)$/i.exec(heading.trim());
  if (!m) return /^may\s/i.test(heading.trim()) ? 'unknown' : undefined;
  const rest = m[1]!.replace(/^(?:the\s+process's|the|its|their|process's)\s+/i, '').trim();
  if (/^code\s+from\s+(?:strings|text|files)\b/i.test(rest)) return 'dynamic code';
  return NAMES.find(([re]) => re.test(rest))?.[1] ?? 'unknown';
}

/** The capabilities program.md declares: each bullet of ## Capabilities starts with one's name. */
export function declaredCapabilities(bullets: string[] | undefined): { declared: Set<Capability>; unknown: string[] } {
  const declared = new Set<Capability>();
  const unknown: string[] = [];
  for (const raw of bullets ?? []) {
    const b = raw.trim().replace(/^[`*_]+/, '');
    const hit = NAMES.find(([re]) => re.test(b));
    if (hit) declared.add(hit[1]);
    else unknown.push(raw);
  }
  return { declared, unknown };
}

