// program.md's constraints, where they name files, are rules and not only words for the
// reviewer: "Do not change src/calc.js" rejects any change to it, "Only change src/a.js"
// rejects anything else, and a task at the `tests` rung changes only the evaluation side
// unless its spec allows more ("You may also change src/calc.js"). Only the items of a
// bullet's list that are paths or globs count, so "Do not change add or subtract" stays
// prose for the reviewer. Pure.
import { globMatch } from './testResults';
import { isEvaluationPath } from './testPaths';

export interface PathRules {
  forbidden: string[];
  /** Set when a bullet limits the change to these paths. */
  only?: string[];
  /** Extra paths a `tests` task may change. */
  allowed: string[];
}

export interface PathViolation {
  rule: 'path-constraint';
  detail: string;
}

const VERBS = '(?:change|modify|edit|touch|alter|delete|remove|rename|rewrite|update)';
const FORBID = [
  new RegExp(`^(?:please\\s+)?(?:do\\s+not|don[\u2019']t|never|must\\s+not|should\\s+not|shall\\s+not)\\s+${VERBS}\\s+(.+?)$`, 'i'),
  /^(?:no\s+changes?\s+(?:to|in))\s+(.+?)$/i,
  /^leave\s+(.+?)\s+(?:unchanged|untouched|alone|as\s+(?:it\s+is|they\s+are))$/i,
  /^(.+?)\s+(?:must|should|shall)\s+(?:not\s+(?:change|be\s+(?:changed|modified|touched|edited))|stay\s+unchanged|remain\s+unchanged)$/i,
  /^(.+?)\s+(?:is|are)\s+(?:read-only|off[- ]limits|out\s+of\s+scope)$/i,
];
const ONLY = [
  new RegExp(`^(?:only\\s+${VERBS}|${VERBS}\\s+only)\\s+(.+?)$`, 'i'),
  /^(?:limit|restrict)\s+(?:the\s+|your\s+)?changes?\s+to\s+(.+?)$/i,
  /^changes?\s+(?:are\s+|is\s+)?(?:limited|restricted)\s+to\s+(.+?)$/i,
];
const ALLOW = [new RegExp(`^(?:you\\s+)?may\\s+(?:also\\s+)?${VERBS}\\s+(.+?)$`, 'i'), /^(.+?)\s+may\s+(?:also\s+)?(?:be\s+)?(?:changed|modified|edited)$/i];

/** The paths a bullet's list names (items that are not paths, like function names, are prose). */
export function pathList(list: string): string[] | undefined {
  // An explanation after the list is not part of it: "src/a.js (its API is public)".
  const head = list.replace(/\s*(?:\(|:|\s[\u2014\u2013-]\s|\bto\b|\bso\b|\bbecause\b|\bsince\b|\bin order\b).*$/i, '');
  const items = head
    .split(/\s*(?:,|;|\band\b|\bor\b|\bnor\b)\s*/i)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) =>
      s
        .replace(/^(?:the\s+)?(?:files?|folders?|director(?:y|ies)|anything|everything)\s+(?:in|under|inside|below)\s+/i, '')
        .replace(/^(?:the\s+)?(?:files?|folders?|director(?:y|ies))\s+/i, '')
        .replace(/^(?:the|any)\s+/i, '')
        .replace(/^['"]+|['"]+$/g, '')
        .replace(/^\.\//, ''),
    );
  // A trailing slash marks a folder ("docs/").
  const isPath = (s: string) => /^[\w.*?@+-]+(?:\/[\w.*?@+-]+)*\/?$/.test(s) && (s.includes('/') || /\.[A-Za-z0-9]+$/.test(s) || /[*?]/.test(s)) && !/^\.+$/.test(s);
  const paths = items.filter(isPath).map((s) => s.replace(/\/+$/, ''));
  return paths.length ? paths : undefined;
}

export function pathRules(constraints: string[]): PathRules {
  const rules: PathRules = { forbidden: [], allowed: [] };
  for (const raw of constraints) {
    const bullet = raw.trim().replace(/[.!]+$/, '').replace(/`/g, '');
    const match = (patterns: RegExp[]) => {
      for (const re of patterns) {
        const m = re.exec(bullet);
        const paths = m ? pathList(m[1]!) : undefined;
        if (paths) return paths;
      }
      return undefined;
    };
    const only = match(ONLY);
    if (only) {
      rules.only = [...(rules.only ?? []), ...only];
      continue;
    }
    const allowed = match(ALLOW);
    if (allowed) {
      rules.allowed.push(...allowed);
      continue;
    }
    const forbidden = match(FORBID);
    if (forbidden) rules.forbidden.push(...forbidden);
  }
  return rules;
}

/**
 * The changed paths that break the spec's path rules. A `tests` task may change only the
 * evaluation side (tests, fixtures, helpers), plus what the spec allows.
 */
export function pathViolations(changedPaths: string[], rules: PathRules, risk: string | undefined, reportedTestFiles: ReadonlySet<string> = new Set()): PathViolation[] {
  const out: PathViolation[] = [];
  const hit = (globs: string[], p: string) => globs.some((g) => globMatch(g, p));
  for (const p of changedPaths) {
    const forbidden = rules.forbidden.find((g) => globMatch(g, p));
    if (forbidden) {
      out.push({ rule: 'path-constraint', detail: `${p} changed, but program.md says not to change ${forbidden}` });
      continue;
    }
    if (rules.only && !hit(rules.only, p) && !hit(rules.allowed, p)) {
      out.push({ rule: 'path-constraint', detail: `${p} changed, but program.md limits the change to ${rules.only.join(', ')}` });
      continue;
    }
    if (risk === 'tests' && !rules.only && !isEvaluationPath(p, reportedTestFiles) && !hit(rules.allowed, p)) {
      out.push({ rule: 'path-constraint', detail: `${p} is not a test file, and a \`tests\` task changes only tests, fixtures and test helpers (program.md can allow it: "- You may also change ${p}")` });
    }
  }
  return out;
}
