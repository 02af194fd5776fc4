// Parsing program.md text into a ProgramSpec, with every problem found on its line. Pure and
// free of node: imports so that workflow code can use it. The format is documented in docs/program-md.md.
import { capabilityOfHeading, declaredCapabilities } from './capabilityNames';
import { HELD_OUT_HEADING } from './heldOutExamples';
import { FenceTracker, HEADING, normalizeBody, unclosedFence } from './programMarkdown';
import { isRisk, MAX_PROGRAM_CHARS, MAX_TITLE_CHARS, MIN_TASK_CHARS, MIN_TITLE_CHARS, msg, quote, readableExample, type ProgramProblem, type ProgramSpec } from './programSpec';

type Field = 'task' | 'context' | 'acceptanceCriteria' | 'successConditions' | 'constraints' | 'risk' | 'testsThatMayChange' | 'capabilities' | 'heldOutExamples';
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
  'held-out examples': { heading: HELD_OUT_HEADING, field: 'heldOutExamples', kind: 'bullets' },
};
const KNOWN = Object.values(SECTIONS).map((s) => `"## ${s.heading}"`).join(', ');

const BULLET = /^[-*](?:[ \t]+(.*))?$/;
const CONTINUATION = /^(?: {2,}|\t)\S/;

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
      // "## May read the environment": a capability declared by its heading, its bullets saying what.
      const may = capabilityOfHeading(name);
      if (may === 'unknown') {
        problems.push({ line: n, message: msg.mayHeading(name) });
        state = 'skip';
        return;
      }
      if (may) {
        sections.push({ key: `may ${may}`, line: n, body: [] });
        state = 'section';
        return;
      }
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
  const lists: Record<'acceptanceCriteria' | 'successConditions' | 'constraints' | 'testsThatMayChange' | 'capabilities' | 'heldOutExamples', string[]> = { acceptanceCriteria: [], successConditions: [], constraints: [], testsThatMayChange: [], capabilities: [], heldOutExamples: [] };

  for (const s of sections) {
    if (s.key.startsWith('may ')) {
      const what = s.body.map((b) => b.text.trim().replace(/^[-*][ \t]+/, '')).filter(Boolean).join('; ');
      lists.capabilities.push(`${s.key.slice(4)}${what ? `: ${what}` : ''}`);
      continue;
    }
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
          else if (def.field === 'heldOutExamples' && !readableExample(item)) problems.push({ line: b.line, message: msg.heldOut(item) });
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
  if (lists.heldOutExamples.length) spec.heldOutExamples = lists.heldOutExamples;
  return { spec, problems: [] };
}
