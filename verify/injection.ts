// Text that addresses the reviewer instead of the reader. Code has no reason to talk to
// an AI reviewer, so a Lab that does is trying to steer the verdict. Matching happens
// after Unicode normalisation, so lookalike letters, fullwidth forms and invisible
// characters cannot hide a phrase. This is a backstop: the reviewer's prompt already
// treats the diff as untrusted data, and the mechanical gates do not depend on it.
import unhomoglyph from 'unhomoglyph';

/**
 * The form text is compared in: compatibility forms folded (NFKC: fullwidth, ligatures),
 * format characters removed (zero-width spaces and joiners, bidi controls, soft hyphens,
 * tag characters), combining marks dropped, lower case, then confusable letters folded
 * to their Latin skeleton (Unicode's confusables table).
 */
export function normalizeForMatching(text: string): string {
  const folded = text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
  // Lower case first: the skeleton of a capital I is a small l.
  return unhomoglyph(folded).toLowerCase();
}

// Phrase families. Each keyword goes through normalizeForMatching too, so a keyword and
// its lookalike spelling meet in the same skeleton ("maintainers" -> "rnaintainers").
const FAMILIES: Array<{ what: string; parts: string[] }> = [
  {
    what: 'overrides instructions',
    parts: ['\\b(?:ignore|disregard|forget|override|bypass)\\b', '.{0,40}', '\\b(?:previous|prior|above|earlier|all|any|other|your|the)\\b', '.{0,30}', '\\b(?:instructions?|prompts?|rules?|guidelines?|directions?)\\b'],
  },
  {
    what: 'asks the reviewer to approve',
    parts: ['\\b(?:reviewers?|graders?|judges?|evaluators?|verifiers?)\\b', '.{0,80}', '\\b(?:approve[ds]?|approval|lgtm|accept|sign[- ]?off|greenlight)\\b'],
  },
  {
    what: 'asks for the change to be approved',
    parts: ['\\b(?:approve|accept|merge|lgtm|greenlight)\\b', '\\s+', '(?:this|the|these)', '\\s+', '(?:change|changes|diff|pr|pull request|patch|commit|generation)\\b'],
  },
  {
    what: 'claims the change is already approved',
    parts: ['\\b(?:this|the)\\s+(?:change|changes|diff|pr|pull request|patch|commit)\\b', '.{0,40}', '\\b(?:is|was|has|have|were|got)\\b(?:\\s+already)?(?:\\s+been)?\\s+(?:already\\s+)?(?:pre-?approved|approved|reviewed|vetted|signed off|cleared)\\b'],
  },
  {
    what: 'claims the change is already approved',
    parts: ['\\b(?:maintainers?|owners?|team|lead|security|reviewers?|admins?)\\b', '.{0,40}', '\\b(?:pre-?approved|already approved|signed off on|vetted|okayed|cleared)\\b'],
  },
  {
    what: 'claims the change is already approved',
    parts: ['\\bpre-?approved\\b', '.{0,40}', '\\b(?:change|diff|pr|patch|commit|review|merge)\\b'],
  },
  {
    what: 'claims the change is already approved',
    parts: ['\\b(?:approved|signed off|vetted|cleared)\\s+by\\s+(?:the\\s+)?(?:maintainers?|security|reviewers?|admins?|code owners?)\\b'],
  },
  {
    what: 'speaks to an AI',
    parts: ['\\byou are (?:now )?(?:an?|the) (?:ai|assistant|reviewer|language model|llm|model)\\b'],
  },
  {
    what: 'speaks to an AI',
    parts: ['\\b(?:dear|hey|attention|note to (?:the )?)\\s*(?:ai|llm|language model|reviewer|assistant|model)\\b'],
  },
  {
    what: 'dictates the verdict',
    parts: ['\\b(?:respond|answer|reply|output)\\s+(?:only\\s+)?(?:with\\s+)?["\'`]?approved\\b'],
  },
  {
    what: 'dictates the verdict',
    parts: ['\\bmark(?:ed)?\\s+(?:it\\s+|this\\s+)?as\\s+approved\\b'],
  },
  {
    what: 'dictates the verdict',
    parts: ['\\b(?:no need to|do not|don\'t|skip)\\s+(?:review|check|verify|test)\\b', '.{0,30}', '\\b(?:this|the)\\s+(?:change|diff|pr|patch|commit|code)\\b'],
  },
];

/** Normalises the literal letters of a pattern and leaves its regex syntax alone. */
function normalizePattern(src: string): string {
  return src.replace(/(\\[a-z]|\[[^\]]*\]|\{[^}]*\}|\(\?:|[.*+?|()^$])|([a-z][a-z' -]*)/g, (m, syntax: string | undefined, word: string | undefined) => {
    if (syntax) return syntax;
    return normalizeForMatching(word ?? m).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
}

const PATTERNS = FAMILIES.map((f) => ({ what: f.what, re: new RegExp(f.parts.map(normalizePattern).join(''), 'i') }));

/** What the text does to the reviewer, or undefined when it reads as ordinary code or prose. */
export function reviewerDirected(text: string): string | undefined {
  const t = normalizeForMatching(text);
  return PATTERNS.find((p) => p.re.test(t))?.what;
}

export interface InjectionFinding {
  where: string;
  what: string;
  text: string;
}

const shorten = (s: string) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 100 ? `${t.slice(0, 97)}...` : t;
};

const printable = (s: string): boolean => s.length > 0 && /\p{L}{3}/u.test(s) && [...s].filter((c) => /[\p{L}\p{N}\p{P}\p{Zs}\n\t]/u.test(c)).length >= 0.9 * [...s].length;

/**
 * The text as the reviewer could read it once decoded: identifiers split at case changes and
 * underscores, HTML entities, percent and \x escapes, base64 and hex runs that decode to
 * readable text, and letters spelled out one by one ("a p p r o v e").
 */
export function readings(text: string, splitIdentifiers = true): string[] {
  const out = [text];
  if (splitIdentifiers) out.push(text.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').replace(/_+/g, ' '));
  const entities = text.replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d))).replace(/&(?:amp|lt|gt|quot|apos|nbsp);/g, (e) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&nbsp;': ' ' })[e]!);
  if (entities !== text) out.push(entities);
  const escapes = text.replace(/(?:%[0-9a-f]{2}){3,}|(?:\\x[0-9a-f]{2}){3,}/gi, (m) => Buffer.from(m.replace(/%|\\x/gi, ''), 'hex').toString('utf8'));
  if (escapes !== text) out.push(escapes);
  for (const m of text.matchAll(/[A-Za-z0-9+/_-]{16,}={0,2}/g)) {
    const decoded = Buffer.from(m[0], /[-_]/.test(m[0]) ? 'base64url' : 'base64').toString('utf8');
    if (printable(decoded)) out.push(decoded);
  }
  for (const m of text.matchAll(/\b(?:[0-9a-f]{2}){8,}\b/gi)) {
    const decoded = Buffer.from(m[0], 'hex').toString('utf8');
    if (printable(decoded)) out.push(decoded);
  }
  const spelled = text.replace(/(?<![\p{L}\p{N}])(?:\p{L}[ .·_-]){3,}\p{L}(?![\p{L}\p{N}])/gu, (m) => m.replace(/[ .·_-]/g, ''));
  if (spelled !== text) out.push(spelled);
  return out;
}

/** What the text, read any of those ways, does to the reviewer. */
function directedIn(text: string, splitIdentifiers: boolean): string | undefined {
  for (const r of readings(text, splitIdentifiers)) {
    const what = reviewerDirected(r);
    if (what) return what;
  }
  return undefined;
}

// Prose: a documentation file's lines, or a comment's. A phrase may be wrapped across them,
// and its words may be run together as an identifier; code lines are read as written.
const PROSE_FILE = /\.(?:md|markdown|mdx|txt|rst|adoc|org)$/i;
const COMMENT = /^\s*(?:\/\/+|#+|\*+|\/\*+|<!--|--|;+|"{3}|'{3})/;

/** Added lines (with where they are), their paragraphs, and the Lab's own commit messages. */
export function findInjection(added: Array<{ where: string; text: string }>, commitMessages: string[]): InjectionFinding[] {
  const out: InjectionFinding[] = [];
  const fileOf = (where: string) => where.slice(0, where.lastIndexOf(':'));
  const lineOf = (where: string) => Number(where.slice(where.lastIndexOf(':') + 1));
  const isProse = (l: { where: string; text: string }) => PROSE_FILE.test(fileOf(l.where)) || COMMENT.test(l.text) || !/:\d+$/.test(l.where);
  for (const l of added) {
    const what = directedIn(l.text, isProse(l));
    if (what) out.push({ where: l.where, what, text: shorten(l.text) });
  }
  // Paragraphs: consecutive added prose lines of one file, up to a blank line.
  let para: Array<{ where: string; text: string }> = [];
  const flush = () => {
    if (para.length > 1 && !para.some((l) => out.some((f) => f.where === l.where))) {
      const text = para.map((l) => l.text.replace(COMMENT, '').trim()).join(' ');
      const what = directedIn(text, true);
      if (what) out.push({ where: `${para[0]!.where}-${lineOf(para.at(-1)!.where)}`, what, text: shorten(text) });
    }
    para = [];
  };
  for (const l of added) {
    const last = para.at(-1);
    const blank = l.text.replace(COMMENT, '').trim() === '';
    if (!isProse(l) || blank || (last && (fileOf(last.where) !== fileOf(l.where) || lineOf(l.where) !== lineOf(last.where) + 1))) flush();
    if (isProse(l) && !blank) para.push(l);
  }
  flush();
  commitMessages.forEach((m, i) => {
    // A message is prose: a phrase may span its lines.
    const what = directedIn(m.replace(/\s+/g, ' '), true);
    if (what) out.push({ where: `the Lab's commit message ${i + 1}`, what, text: shorten(m) });
  });
  return out;
}
