// The program.md protocol: the task spec Prime writes for each generation, or that a user
// hands in with `loom generate --program FILE`. Pure and free of node: imports so that
// workflow code can use it. The format is documented in docs/program-md.md.
import { CAPABILITIES, declaredCapabilities } from './capabilityNames';

export interface ProgramSpec {
  /** The '# ' heading. */
  title: string;
  /** '## Task' section body (required, non-empty). */
  task: string;
  /** '## Context' section body. */
  context?: string;
  /** '## Acceptance criteria' bullet items (required, at least one). */
  acceptanceCriteria: string[];
  /** '## Success conditions' bullets (optional, may be empty). */
  successConditions: string[];
  /** '## Constraints', '## Constraints and out of scope' and '## Out of scope' bullets, merged in document order. */
  constraints: string[];
  /** Optional '## Risk' section whose body is one of these words. */
  risk?: 'tests' | 'refactor' | 'feature';
  /**
   * '## Tests that may change' bullets: base tests whose result this task may change
   * (a test file or glob, a test's full name, or `file > full name`). Present only when given.
   */
  testsThatMayChange?: string[];
  /**
   * '## Capabilities' bullets: what the task's new code may legitimately reach beyond its
   * inputs (the environment, the arguments, the call stack, its source, the test runner,
   * dynamic code, process internals), each starting with the capability's name.
   */
  capabilities?: string[];
}

/** A problem names what is wrong and how to fix it; line is 1-based in the program.md text. */
export interface ProgramProblem {
  line?: number;
  message: string;
}

export const MAX_PROGRAM_CHARS = 20_000;
export const MIN_TITLE_CHARS = 3;
export const MAX_TITLE_CHARS = 120;
export const MIN_TASK_CHARS = 10;
export const RISKS = ['tests', 'refactor', 'feature'] as const;

type Field = 'task' | 'context' | 'acceptanceCriteria' | 'successConditions' | 'constraints' | 'risk' | 'testsThatMayChange' | 'capabilities';
type Kind = 'text' | 'bullets' | 'word';

/** Known '## ' headings, keyed by their lower-cased name. */
const SECTIONS: Record<string, { heading: string; field: Field; kind: Kind }> = {
  task: { heading: 'Task', field: 'task', kind: 'text' },
  context: { heading: 'Context', field: 'context', kind: 'text' },
  'acceptance criteria': { heading: 'Acceptance criteria', field: 'acceptanceCriteria', kind: 'bullets' },
  'success conditions': { heading: 'Success conditions', field: 'successConditions', kind: 'bullets' },
  constraints: { heading: 'Constraints', field: 'constraints', kind: 'bullets' },
  'constraints and out of scope': { heading: 'Constraints and out of scope', field: 'constraints', kind: 'bullets' },
  'out of scope': { heading: 'Out of scope', field: 'constraints', kind: 'bullets' },
  risk: { heading: 'Risk', field: 'risk', kind: 'word' },
  'tests that may change': { heading: 'Tests that may change', field: 'testsThatMayChange', kind: 'bullets' },
  capabilities: { heading: 'Capabilities', field: 'capabilities', kind: 'bullets' },
};
const KNOWN = Object.values(SECTIONS).map((s) => `"## ${s.heading}"`).join(', ');

const HEADING = /^(#{1,2})(?:[ \t]+(.*))?$/; // '# x' or '## x' (not '### x', not '#x')
const BULLET = /^[-*](?:[ \t]+(.*))?$/;
const CONTINUATION = /^(?: {2,}|\t)\S/;
const FENCE = /^(`{3,}|~{3,})/;

const isRisk = (v: unknown): v is NonNullable<ProgramSpec['risk']> => (RISKS as readonly unknown[]).includes(v);
const quote = (s: string) => `"${s.length > 60 ? `${s.slice(0, 57)}...` : s}"`;

const msg = {
  empty: 'program.md is empty: write a "# " title, a "## Task" section and an "## Acceptance criteria" section with at least one "- " bullet',
  tooLong: (n: number) => `program.md is ${n} characters, over the limit of ${MAX_PROGRAM_CHARS}: shorten it`,
  titleLength: (n: number) => `the title is ${n} characters: make it ${MIN_TITLE_CHARS} to ${MAX_TITLE_CHARS} characters`,
  taskShort: (n: number) => `the task is ${n} characters: describe the change in at least ${MIN_TASK_CHARS} characters, naming the files and functions involved`,
  capability: (item: string) => `the capability ${quote(item)} ("## Capabilities") names none Loom knows: start the bullet with one of ${CAPABILITIES.join(', ')}, then say why the code needs it`,
  risk: (found: string) => `the risk ("## Risk") is ${quote(found)}: make it exactly one of ${RISKS.join(', ')}, or leave it out`,
};

/** Drops trailing whitespace on each line and blank lines at both ends: the canonical form of a text section. */
function normalizeBody(lines: string[]): string {
  const trimmed = lines.map((l) => l.trimEnd());
  let start = 0;
  let end = trimmed.length;
  while (start < end && trimmed[start] === '') start++;
  while (end > start && trimmed[end - 1] === '') end--;
  return trimmed.slice(start, end).join('\n');
}

/** Tracks fenced code blocks, inside which '#' lines are text, not headings. */
class FenceTracker {
  open?: { char: string; len: number; line: number };
  /** Feeds one line; true when the line is part of a fence (its opening, body or closing). */
  feed(line: string, lineNo: number): boolean {
    if (this.open) {
      const t = line.trim();
      if (t.length >= this.open.len && t === this.open.char.repeat(t.length)) this.open = undefined;
      return true;
    }
    const m = FENCE.exec(line);
    if (m) {
      this.open = { char: m[1]![0]!, len: m[1]!.length, line: lineNo };
      return true;
    }
    return false;
  }
}

const unclosedFence = (what: string, line: number): string =>
  `${what} opens a code fence at line ${line} that is never closed: close it with a matching fence line`;

function sortProblems(problems: ProgramProblem[]): ProgramProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.line ?? Infinity) - (b.p.line ?? Infinity) || a.i - b.i)
    .map(({ p }) => p);
}

interface Section {
  key: string;
  line: number;
  body: { text: string; line: number }[];
}

/** Parses program.md text. The spec is returned only when there are no problems. */
/**
 * Whether program.md declares that behaviour does not change: a refactor that names no test
 * that may change. Naming one declares a change, so the functions are not held to the base's answers.
 */
export function behaviourUnchanged(spec: Pick<ProgramSpec, 'risk' | 'testsThatMayChange'> | undefined): boolean {
  return spec?.risk === 'refactor' && !spec.testsThatMayChange?.length;
}

export function parseProgram(text: string): { spec?: ProgramSpec; problems: ProgramProblem[] } {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (src.trim() === '') return { problems: [{ message: msg.empty }] };
  if (src.length > MAX_PROGRAM_CHARS) return { problems: [{ message: msg.tooLong(src.length) }] };

  const problems: ProgramProblem[] = [];
  let title: { text: string; line: number } | undefined;
  const sections: Section[] = [];
  // before: nothing yet; intro: after the title, before any section; section: in a known one; skip: in an unknown or duplicate one.
  let state: 'before' | 'intro' | 'section' | 'skip' = 'before';
  let strayReported = false;
  let misplacedTitle = false;
  const fence = new FenceTracker();

  src.split('\n').forEach((raw, i) => {
    const n = i + 1;
    const line = raw.trimEnd();
    const h = fence.feed(line, n) ? null : HEADING.exec(line);
    if (h && h[1] === '#') {
      if (sections.length > 0 || state === 'skip') {
        misplacedTitle = true;
        problems.push({ line: n, message: 'a "# " title after the first section: keep one title at the top, or make this a "## " section' });
      } else if (title) {
        problems.push({ line: n, message: `a second "# " title (the first is at line ${title.line}): keep exactly one title line` });
      } else {
        title = { text: (h[2] ?? '').trim(), line: n };
        state = 'intro';
      }
      return;
    }
    if (h) {
      const name = (h[2] ?? '').trim().replace(/:$/, '').trim().replace(/\s+/g, ' ');
      const def = SECTIONS[name.toLowerCase()];
      const earlier = sections.find((s) => s.key === name.toLowerCase());
      if (!def) {
        problems.push({ line: n, message: `unknown section "## ${name}": use only ${KNOWN}` });
        state = 'skip';
      } else if (earlier) {
        problems.push({ line: n, message: `duplicate "## ${def.heading}" section (the first is at line ${earlier.line}): merge them into one` });
        state = 'skip';
      } else {
        sections.push({ key: name.toLowerCase(), line: n, body: [] });
        state = 'section';
      }
      return;
    }
    if (state === 'section') sections.at(-1)!.body.push({ text: line, line: n });
    else if (state !== 'skip' && line.trim() !== '' && !strayReported) {
      strayReported = true;
      problems.push(
        state === 'before'
          ? { line: n, message: 'text before the "# " title: start the file with the title line' }
          : { line: n, message: 'text between the title and the first section: move it under "## Task" or "## Context"' },
      );
    }
  });
  if (fence.open) problems.push({ line: fence.open.line, message: unclosedFence('this line', fence.open.line) });

  if (!title) {
    if (!misplacedTitle) problems.push({ message: 'missing "# " title line: start the file with "# <a short title>"' });
  } else if (title.text.length < MIN_TITLE_CHARS || title.text.length > MAX_TITLE_CHARS) problems.push({ line: title.line, message: msg.titleLength(title.text.length) });

  let task: string | undefined;
  let context: string | undefined;
  let risk: ProgramSpec['risk'];
  const lists: Record<'acceptanceCriteria' | 'successConditions' | 'constraints' | 'testsThatMayChange' | 'capabilities', string[]> = { acceptanceCriteria: [], successConditions: [], constraints: [], testsThatMayChange: [], capabilities: [] };

  for (const s of sections) {
    const def = SECTIONS[s.key]!;
    if (def.kind === 'text') {
      const body = normalizeBody(s.body.map((b) => b.text));
      if (def.field === 'task') {
        task = body;
        if (body === '') problems.push({ line: s.line, message: 'the "## Task" section is empty: describe the change, naming the files and functions involved' });
        else if (body.trim().length < MIN_TASK_CHARS) problems.push({ line: s.line, message: msg.taskShort(body.trim().length) });
      } else if (body !== '') context = body;
    } else if (def.kind === 'word') {
      const words = s.body.map((b) => b.text.trim()).filter(Boolean);
      const value = words.join(' ').toLowerCase();
      if (words.length === 0) continue; // an empty optional section says nothing
      if (isRisk(value)) risk = value;
      else problems.push({ line: s.body.find((b) => b.text.trim())!.line, message: msg.risk(words.join(' ')) });
    } else {
      const items = lists[def.field as keyof typeof lists];
      let hadItem = false;
      let strayText = false;
      for (const b of s.body) {
        if (b.text.trim() === '') continue;
        const bullet = BULLET.exec(b.text);
        if (bullet) {
          const item = (bullet[1] ?? '').trim();
          if (item === '') problems.push({ line: b.line, message: `an empty bullet in "## ${def.heading}": write the item after "- " or remove the line` });
          else if (def.field === 'capabilities' && declaredCapabilities([item]).unknown.length) problems.push({ line: b.line, message: msg.capability(item) });
          items.push(item);
          hadItem = true;
        } else if (hadItem && CONTINUATION.test(b.text)) {
          items[items.length - 1] = `${items[items.length - 1]} ${b.text.trim()}`.trim();
        } else if (!strayText) {
          strayText = true;
          problems.push({ line: b.line, message: `"## ${def.heading}" holds text that is not a bullet (${quote(b.text.trim())}): start each item with "- ", and indent continuation lines by two spaces` });
        }
      }
      if (def.field === 'acceptanceCriteria' && !hadItem) {
        problems.push({ line: s.line, message: 'the "## Acceptance criteria" section has no bullets: add at least one "- " bullet, each one checkable' });
      }
    }
  }
  if (task === undefined) problems.push({ message: 'missing "## Task" section: add one describing the change, naming the files and functions involved' });
  if (!sections.some((s) => s.key === 'acceptance criteria')) problems.push({ message: 'missing "## Acceptance criteria" section: add one with at least one "- " bullet' });

  if (problems.length > 0) return { problems: sortProblems(problems) };
  const spec: ProgramSpec = { title: title!.text, task: task!, acceptanceCriteria: lists.acceptanceCriteria, successConditions: lists.successConditions, constraints: lists.constraints };
  if (context !== undefined) spec.context = context;
  if (risk !== undefined) spec.risk = risk;
  if (lists.testsThatMayChange.length) spec.testsThatMayChange = lists.testsThatMayChange;
  if (lists.capabilities.length) spec.capabilities = lists.capabilities;
  return { spec, problems: [] };
}

/** Canonical markdown for a spec. parseProgram(renderProgram(s)).spec deep-equals s for any valid s in canonical form (as parseProgram returns it). */
export function renderProgram(spec: ProgramSpec): string {
  const out: string[] = [`# ${spec.title.trim()}`, '', '## Task', normalizeBody(spec.task.split('\n')), ''];
  const context = spec.context === undefined ? '' : normalizeBody(spec.context.split('\n'));
  if (context) out.push('## Context', context, '');
  const bullets = (heading: string, items: string[] | undefined) => {
    if (items && items.length > 0) out.push(`## ${heading}`, ...items.map((item) => `- ${item.trim()}`), '');
  };
  bullets('Acceptance criteria', spec.acceptanceCriteria);
  bullets('Success conditions', spec.successConditions);
  bullets('Constraints', spec.constraints);
  bullets('Tests that may change', spec.testsThatMayChange);
  bullets('Capabilities', spec.capabilities);
  if (spec.risk) out.push('## Risk', spec.risk, '');
  return `${out.join('\n').trimEnd()}\n`;
}

/** Problems in a text field's lines that would change its meaning once rendered: '# '/'## ' lines outside fences, an unclosed fence. */
function bodyProblems(field: string, text: string): ProgramProblem[] {
  const problems: ProgramProblem[] = [];
  const fence = new FenceTracker();
  text.split('\n').forEach((line, i) => {
    if (!fence.feed(line.trimEnd(), i + 1) && HEADING.test(line.trimEnd())) {
      problems.push({ message: `${field} line ${i + 1} is a "#" or "##" heading (${quote(line.trim())}), which would end the section: use "###" or plain text` });
    }
  });
  if (fence.open) problems.push({ message: unclosedFence(field, fence.open.line) });
  return problems;
}

function listProblems(field: string, heading: string, items: unknown, required: boolean): ProgramProblem[] {
  if (items === undefined && !required) return [];
  if (!Array.isArray(items)) return [{ message: `${field} ("## ${heading}") must be a list of strings` }];
  const problems: ProgramProblem[] = [];
  if (required && items.length === 0) problems.push({ message: `${field} ("## ${heading}") is empty: add at least one item, each one checkable` });
  items.forEach((item, i) => {
    if (typeof item !== 'string') problems.push({ message: `${field} item ${i + 1} is not text: make it a string` });
    else if (item.trim() === '') problems.push({ message: `${field} item ${i + 1} is empty: write it or remove it` });
    else if (/[\r\n]/.test(item.trim())) problems.push({ message: `${field} item ${i + 1} spans several lines: make each item one line, or split it into several items` });
  });
  return problems;
}

/** The same rules as parseProgram, on a structured spec (for example one a model returned as a tool call). */
export function validateSpec(spec: ProgramSpec): ProgramProblem[] {
  const problems: ProgramProblem[] = [];
  const s = spec as unknown as Record<string, unknown>;
  if (typeof s.title !== 'string') problems.push({ message: 'title is missing: give a short title' });
  else {
    const title = s.title.trim();
    if (/[\r\n]/.test(title)) problems.push({ message: 'the title spans several lines: make it one line' });
    else if (title.length < MIN_TITLE_CHARS || title.length > MAX_TITLE_CHARS) problems.push({ message: msg.titleLength(title.length) });
  }
  if (typeof s.task !== 'string' || s.task.trim() === '') problems.push({ message: 'task ("## Task") is empty: describe the change, naming the files and functions involved' });
  else {
    const task = normalizeBody(s.task.split(/\r?\n/));
    if (task.trim().length < MIN_TASK_CHARS) problems.push({ message: msg.taskShort(task.trim().length) });
    problems.push(...bodyProblems('task', task));
  }
  if (s.context !== undefined) {
    if (typeof s.context !== 'string') problems.push({ message: 'context ("## Context") must be text' });
    else problems.push(...bodyProblems('context', normalizeBody(s.context.split(/\r?\n/))));
  }
  problems.push(
    ...listProblems('acceptance criteria', 'Acceptance criteria', s.acceptanceCriteria, true),
    ...listProblems('success conditions', 'Success conditions', s.successConditions, false),
    ...listProblems('constraints', 'Constraints', s.constraints, false),
    ...listProblems('tests that may change', 'Tests that may change', s.testsThatMayChange, false),
    ...listProblems('capabilities', 'Capabilities', s.capabilities, false),
  );
  if (Array.isArray(s.capabilities)) for (const item of declaredCapabilities(s.capabilities.filter((c): c is string => typeof c === 'string' && c.trim() !== '')).unknown) problems.push({ message: msg.capability(item) });
  if (s.risk !== undefined && !isRisk(s.risk)) problems.push({ message: msg.risk(String(s.risk)) });
  if (problems.length === 0) {
    const length = renderProgram(spec).length;
    if (length > MAX_PROGRAM_CHARS) problems.push({ message: msg.tooLong(length) });
  }
  return problems;
}

/** One line per problem: 'line N: message', or just the message when it has no line. */
export function formatProblems(problems: ProgramProblem[]): string {
  return problems.map((p) => (p.line === undefined ? p.message : `line ${p.line}: ${p.message}`)).join('\n');
}

/** A stable key for "the same task": lower-cased, whitespace-collapsed title + task, to detect a rejected task proposed again unchanged. */
export function taskKey(spec: Pick<ProgramSpec, 'title' | 'task'>): string {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  return `${norm(spec.title)}\n${norm(spec.task)}`;
}

/** A declared test change as a rule: every test of a file (or glob), one test by full name, or `file > full name`. */
export function testChangeRules(bullets: string[] | undefined): Array<{ file?: string; name?: string }> {
  const looksLikePath = (s: string) => /^[\w.*?@+/-]+$/.test(s) && (s.includes('/') || /\.[A-Za-z0-9]+$/.test(s) || /[*?]/.test(s));
  return (bullets ?? []).map((raw) => {
    const b = raw.trim().replace(/^`|`$/g, '').trim();
    // pytest's node id (tests/test_x.py::TestY::test_z) and `file: name`, as people write them.
    const nodeId = /^([^\s:]+\.[A-Za-z0-9]+)::(.+)$/.exec(b);
    if (nodeId && looksLikePath(nodeId[1]!)) return { file: nodeId[1]!, name: nodeId[2]!.split('::').join(' > ') };
    const colon = /^([^\s:]+\.[A-Za-z0-9]+):\s+(.+)$/.exec(b);
    if (colon && looksLikePath(colon[1]!)) return { file: colon[1]!, name: colon[2]!.replace(/^`|`$/g, '').trim() };
    const sep = b.indexOf(' > ');
    if (sep > 0 && looksLikePath(b.slice(0, sep).replace(/`/g, ''))) return { file: b.slice(0, sep).replace(/`/g, ''), name: b.slice(sep + 3).replace(/^`|`$/g, '').trim() };
    if (looksLikePath(b)) return { file: b.replace(/\/+$/, '') };
    return { name: b };
  });
}
