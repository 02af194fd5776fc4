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

/** Added lines (with where they are) and the Lab's own commit messages, searched line by line and as a whole. */
export function findInjection(added: Array<{ where: string; text: string }>, commitMessages: string[]): InjectionFinding[] {
  const out: InjectionFinding[] = [];
  for (const l of added) {
    const what = reviewerDirected(l.text);
    if (what) out.push({ where: l.where, what, text: shorten(l.text) });
  }
  commitMessages.forEach((m, i) => {
    // A message is prose: a phrase may span its lines.
    const what = reviewerDirected(m.replace(/\s+/g, ' '));
    if (what) out.push({ where: `the Lab's commit message ${i + 1}`, what, text: shorten(m) });
  });
  return out;
}
