// Which of the change's functions verification calls, and with what: the inputs its tests
// give them and inputs near those (the differential check, asking again, the paths the tested
// inputs take), and the examples program.md states of the functions it adds.
import { randomInt } from 'node:crypto';
import { posix } from 'node:path';
import { lsTree, readFiles } from '../git/gitObjects';
import { ACROSS_ALL, ACROSS_TOTAL, differentialLanguage, inputsAcross, inputsNear, inputsNearFrom, literalCalls, publicFunctions, type DifferentialTarget, type Value } from '../verify/differential';
import { fitsGoType, goCallable, goGenericCallable, goInstantiation, goPackage } from '../verify/differentialGo';
import type { FileChange } from '../verify/diffParse';
import { functionRanges } from '../verify/functionRanges';
import { splitHeldOut } from '../program/heldOutExamples';
import type { ExampleLanguage } from '../program/integerExpression';
import { taskExamples, type TaskExample } from '../program/taskExamples';
import { docstringExamples } from '../program/docstringExamples';
import type { ExampleTarget } from '../verify/exampleVerdict';
import { isEvaluationPath } from '../verify/testPaths';

/** What the targets are read from: the two commits, the base's reported test files and the task. */
export interface TargetSource {
  baseSha: string;
  labSha: string;
  reportedTestFiles: string[];
  program: string;
}

/**
 * Functions the change touched, with inputs near those the tests call them with: for a
 * refactor, functions on both sides, called with the base's tests' inputs (their answers are
 * compared with the base's); otherwise the Lab's new and changed functions, with the inputs
 * of the base's tests and of the Lab's own (their answers are compared with themselves).
 */
export async function functionTargets(repo: string, input: TargetSource, changedSources: string[], diff: FileChange[], bothSides: boolean): Promise<DifferentialTarget[]> {
  const files = changedSources.filter((p) => differentialLanguage(p));
  const [base, lab] = await Promise.all([readFiles(repo, input.baseSha, files), readFiles(repo, input.labSha, files)]);
  const touched: Array<{ file: string; name: string }> = [];
  const spans = new Map<string, { start: number; end: number }>();
  for (const file of files) {
    const b = base.get(file);
    const l = lab.get(file);
    if (l === undefined || (bothSides && b === undefined)) continue;
    const c = diff.find((x) => x.newPath === file);
    const added = new Set(c?.added.map((x) => x.line) ?? []);
    const removed = new Set(c?.removed.map((x) => x.line) ?? []);
    const baseNames = new Set(b === undefined ? [] : await publicFunctions(file, b));
    const labNames = new Set(await publicFunctions(file, l));
    const inBase = b === undefined ? [] : await functionRanges(file, b);
    for (const r of await functionRanges(file, l)) {
      if (!labNames.has(r.name) || (bothSides && !baseNames.has(r.name))) continue;
      const was = inBase.find((x) => x.name === r.name);
      const changed = [...added].some((n) => n >= r.start && n <= r.end) || (was && [...removed].some((n) => n >= was.start && n <= was.end));
      if (changed && !touched.some((t) => t.file === file && t.name === r.name)) {
        touched.push({ file, name: r.name });
        spans.set(`${file}\u0000${r.name}`, r);
      }
    }
  }
  if (!touched.length) return [];
  const names = new Set(touched.map((t) => t.name));
  const testLike = (f: string) => !!differentialLanguage(f) || /\.[cm]?tsx?$/.test(f);
  // go test reports a package folder, not a file: the tests of a Go function are its folder's _test.go files.
  const goDirs = new Set(touched.filter((t) => differentialLanguage(t.file) === 'go').map((t) => posix.dirname(t.file)));
  const goTests = async (sha: string) => (goDirs.size ? [...(await lsTree(repo, sha)).keys()].filter((p) => p.endsWith('_test.go') && goDirs.has(posix.dirname(p))) : []);
  const sources: Array<{ sha: string; files: string[] }> = [{ sha: input.baseSha, files: [...new Set([...input.reportedTestFiles.filter(testLike), ...(await goTests(input.baseSha))])] }];
  // The Lab's own tests say which inputs its new code is meant for.
  if (!bothSides) sources.push({ sha: input.labSha, files: diff.map((c) => c.newPath).filter((p): p is string => !!p && testLike(p) && isEvaluationPath(p, new Set(input.reportedTestFiles))) });
  const seen = new Map<string, Value[][]>();
  for (const s of sources) {
    const texts = await readFiles(repo, s.sha, s.files);
    for (const f of s.files) for (const [name, calls] of await literalCalls(f, texts.get(f) ?? '', names)) seen.set(name, [...(seen.get(name) ?? []), ...calls]);
  }
  const called = touched.filter((t) => seen.get(t.name)?.length).slice(0, 20);
  // A refactor is also called across the range its tests span, drawn afresh each generation.
  const acrossLimit = Math.min(ACROSS_ALL, Math.floor(ACROSS_TOTAL / Math.max(1, called.length)));
  const targets = called.map((t): DifferentialTarget => {
    if (bothSides) return { ...t, inputs: inputsNear(seen.get(t.name)!), across: inputsAcross(seen.get(t.name)!, randomInt, acrossLimit) };
    // Any other change: which of its added code each tested and near input runs (verify/specialPaths.ts).
    const near = inputsNearFrom(seen.get(t.name)!, true);
    // The function's own added lines; one with more than MAX_ADDED_LINES of them is not judged this way (the record stays small).
    const span = spans.get(`${t.file}\u0000${t.name}`)!;
    const lines = diff.find((x) => x.newPath === t.file)?.added.map((x) => x.line).filter((l) => l >= span.start && l <= span.end) ?? [];
    const added = lines.length <= MAX_ADDED_LINES ? addedCode(t.file, lab.get(t.file)!, lines) : [];
    return { ...t, inputs: near.inputs, ...(added.length ? { tested: near.tested, parents: near.parents, added } : {}) };
  });
  return (await Promise.all(targets.map((t) => (differentialLanguage(t.file) === 'go' ? typedForGo(t, lab.get(t.file)!) : t)))).filter((t): t is DifferentialTarget => !!t?.inputs.length);
}

/**
 * The functions the change adds that program.md gives worked examples of, with those
 * examples (program/taskExamples.ts), and any of the changed files' functions its held-out
 * examples name; with the held-out examples none of them could take. A visible example of a
 * function the base already has is left out: a sentence about it may describe what it does
 * before the change. The doctests the change writes in a Python docstring are asked of the
 * functions of their file, old or new: they say what the code answers after the change.
 */
export async function exampleTargets(repo: string, input: TargetSource, changedSources: string[], diff: FileChange[] = []): Promise<{ targets: ExampleTarget[]; unasked: string[] }> {
  const { lab: shown, heldOut } = splitHeldOut(input.program);
  // Read as each language reads it (program/integerExpression.ts: `1<<63+1` is not the same number everywhere).
  const read = (text: string, lang?: ExampleLanguage) => taskExamples(text, lang);
  const visibleIn = (lang: ExampleLanguage) => read(shown, lang);
  // A held-out example states what a function answers after the change, so it is asked of the change's old functions too.
  const heldIn = (lang?: ExampleLanguage) => read(heldOut, lang).map((e) => ({ ...e, heldOut: true }));
  const held = heldIn();
  const files = changedSources.filter((p) => differentialLanguage(p));
  const documentable = files.filter((p) => differentialLanguage(p) === 'python' && diff.some((c) => c.newPath === p && c.added.length));
  if (!documentable.length && !(['js', 'python', 'go'] as const).some((lang) => visibleIn(lang).length || heldIn(lang).length)) return { targets: [], unasked: [] };
  const [base, lab] = await Promise.all([readFiles(repo, input.baseSha, files), readFiles(repo, input.labSha, files)]);
  const out: ExampleTarget[] = [];
  for (const file of files) {
    const l = lab.get(file);
    if (l === undefined) continue;
    const go = differentialLanguage(file) === 'go';
    const had = new Set(base.has(file) ? [...(await publicFunctions(file, base.get(file)!)), ...(go ? (await goGenericCallable(base.get(file)!)).keys() : [])] : []);
    const sig = go ? await goCallable(l) : undefined;
    const generic = go ? await goGenericCallable(l) : new Map();
    const pkg = sig ? goPackage(l) : undefined;
    const lang = differentialLanguage(file)!;
    const [visible, heldHere] = [visibleIn(lang), heldIn(lang)];
    const documented = documentable.includes(file) ? docstringExamples(l, new Set(diff.find((c) => c.newPath === file)!.added.map((x) => x.line))) : [];
    for (const name of await publicFunctions(file, l)) {
      const examples = [...(had.has(name) ? heldHere : [...visible, ...heldHere]), ...documented];
      const params = sig?.get(name)?.params;
      // A Go example is asked only where its arguments fit the parameters' types.
      // An example that calls methods on the answer is asked in JavaScript and Python, whose harnesses call them.
      const mine = examples.filter((e) => e.name === name && (!sig || (!e.then && params && pkg && e.args.length === params.length && e.args.every((a, k) => fitsGoType(a, params[k]!)))));
      const then = mine.some((e) => e.then) ? { then: mine.map((e) => e.then ?? []) } : {};
      if (mine.length) out.push({ file, name, inputs: mine.map((e) => e.args), examples: mine, ...then, ...(sig && pkg && params ? { go: { package: pkg, params } } : {}) });
    }
    // A generic Go function: each example asked with the instantiation its own arguments give.
    for (const [name, g] of generic) {
      if (!pkg) break;
      const examples = had.has(name) ? heldHere : [...visible, ...heldHere];
      const asked = examples.flatMap((e) => {
        const types = e.name === name && !e.then && e.args.length === g.params.length ? goInstantiation(g, e.args, e.goTypes) : undefined;
        return types && e.args.every((a, k) => fitsGoType(a, types[k]!)) ? [{ e, types }] : [];
      });
      if (asked.length) out.push({ file, name, inputs: asked.map((x) => x.e.args), examples: asked.map((x) => x.e), go: { package: pkg, params: g.params, inputParams: asked.map((x) => x.types) } });
    }
  }
  const targets = out.slice(0, 20);
  // A held-out example no function of the change's files could take is said so, not dropped unseen.
  const asked = (e: TaskExample) => targets.some((t) => t.examples.some((x) => x.text === e.text && x.name === e.name));
  const unasked = held.filter((e) => !asked(e)).map((e) => `${e.text}: no ${e.name} in the files the change touches takes these arguments`);
  return { targets, unasked };
}

const MAX_ADDED_LINES = 400;

/** The added lines of a JavaScript, Python or Go file as [start, end, line]: character offsets in JavaScript (V8's block coverage counts in them), the line itself in Python and Go. */
function addedCode(file: string, content: string, lines: number[]): Array<[number, number, number]> {
  const lang = differentialLanguage(file);
  if (lang === 'python' || lang === 'go') return lines.map((l) => [l, l + 1, l]);
  if (lang !== 'js') return [];
  const starts = [0];
  for (let i = content.indexOf('\n'); i >= 0; i = content.indexOf('\n', i + 1)) starts.push(i + 1);
  return lines.filter((l) => l >= 1 && l <= starts.length).map((l) => [starts[l - 1]!, (starts[l] ?? content.length + 1) - 1, l]);
}

/** A Go target keeps the inputs its parameters' types can take, and says how to write them. */
async function typedForGo(t: DifferentialTarget, content: string): Promise<DifferentialTarget | undefined> {
  const sig = (await goCallable(content)).get(t.name);
  const pkg = goPackage(content);
  if (!sig || !pkg) return undefined;
  const fits = (args: Value[]) => args.length === sig.params.length && args.every((a, k) => fitsGoType(a, sig.params[k]!));
  const { tested, parents, added, across, ...rest } = t;
  // The tested inputs stay first; an input made from one that does not fit goes with it.
  const kept = t.inputs.flatMap((args, i) => (fits(args) && (!parents || fits(t.inputs[parents[i]!]!)) ? [i] : []));
  const inputs = kept.map((i) => t.inputs[i]!);
  const at = new Map(kept.map((i, k) => [i, k]));
  const paths = tested !== undefined && parents && added?.length;
  const typedAcross = (across ?? []).filter((g) => fits(g.args)).map((g) => ({ ...g, values: g.values.filter((v) => fitsGoType(v, sig.params[g.position]!)) }));
  return { ...rest, inputs, go: { package: pkg, params: sig.params }, ...(paths ? { tested: kept.filter((i) => i < tested).length, parents: kept.map((i) => at.get(parents[i]!)!), added } : {}), ...(typedAcross.length ? { across: typedAcross } : {}) };
}
