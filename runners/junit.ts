// JUnit XML, the format most runners can write: the report mode for a runner Loom does not
// read itself ("verification": { "report": "junit" }). The test command writes the XML into
// $LOOM_REPORT_DIR; Loom adds nothing to it.
import { XMLParser } from 'fast-xml-parser';
import type { TestCase, TestStatus } from '../verify/testResults';
import { plainMessage, repoRelative } from './reportFiles';
import { REPORT_DIR, type ParsedReport, type Runner } from './runner';

// htmlEntities also decodes character references (&#10;), which pytest writes for every line break.
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'failure', 'error', 'skipped'].includes(name), processEntities: true, htmlEntities: true });

type XmlNode = Record<string, unknown>;

/**
 * JUnit XML, the format most runners can write (surefire, gradle, pytest, go-junit-report,
 * jest-junit, mocha reporters). A test is its file (the testcase's or its suite's `file`
 * attribute, else its classname) and its name.
 */
export function parseJunitXml(content: string, workspace = '/workspace'): ParsedReport {
  let doc: XmlNode;
  try {
    doc = xml.parse(content) as XmlNode;
  } catch (err) {
    return { cases: [], problems: [`a JUnit report is not valid XML (${(err as Error).message.split('\n')[0]})`] };
  }
  const cases: TestCase[] = [];
  const suitesOf = (node: XmlNode): XmlNode[] => [...((node.testsuite as XmlNode[] | undefined) ?? [])];
  const root = (doc.testsuites as XmlNode | undefined) ?? doc;
  const walk = (suite: XmlNode, inheritedFile?: string) => {
    const file = typeof suite.file === 'string' ? suite.file : inheritedFile;
    for (const tc of (suite.testcase as XmlNode[] | undefined) ?? []) {
      const failure = [...((tc.failure as unknown[]) ?? []), ...((tc.error as unknown[]) ?? [])];
      const skipped = ((tc.skipped as unknown[]) ?? []).length > 0;
      const classname = typeof tc.classname === 'string' ? tc.classname : undefined;
      const where = typeof tc.file === 'string' ? tc.file : file;
      const name = String(tc.name ?? '?');
      const status: TestStatus = failure.length ? 'failed' : skipped ? 'skipped' : 'passed';
      cases.push({
        file: where ? repoRelative(where, workspace) : classname ?? String(suite.name ?? '(unknown)'),
        name: where && classname ? `${classname} > ${name}` : name,
        status,
        // The message attribute is a summary ("collection failure"), the text the detail: both, summary first.
        ...(failure.length ? { message: plainMessage(failure.map((f) => (typeof f === 'object' && f ? [(f as XmlNode).message, (f as XmlNode)['#text']].filter((x) => typeof x === 'string' && x).join('\n') : String(f))).join('\n')) ?? 'failed' } : {}),
      });
    }
    for (const child of suitesOf(suite)) walk(child, file);
  };
  const top = suitesOf(root);
  if (!top.length && !(root.testcase as unknown[] | undefined)?.length) return { cases, problems: ['a JUnit report holds no testsuite'] };
  walk(root);
  // The writer's own count: the root's tests attribute, else its top suites' summed.
  const own = root !== doc ? Number(root.tests) : NaN;
  const summed = top.map((n) => Number(n.tests));
  // node:test's junit reporter states its count in a comment instead.
  const commented = /<!--\s*tests (\d+)\s*-->/.exec(content);
  const total = Number.isInteger(own) ? own : top.length && summed.every(Number.isInteger) ? summed.reduce((a, b) => a + b, 0) : commented ? Number(commented[1]) : undefined;
  return { cases, problems: [], ...(total !== undefined ? { runnerTotal: total } : {}) };
}

export const junit: Runner = {
  name: 'junit',
  how: 'JUnit XML the test command writes into $LOOM_REPORT_DIR',
  mode: 'junit',
  report: () => ({ env: { LOOM_REPORT_DIR: REPORT_DIR } }),
  parse(files, ctx) {
    const xmls = Object.keys(files).filter((f) => f.endsWith('.xml')).sort();
    if (!xmls.length) return { cases: [], problems: ['the test command wrote no JUnit XML into $LOOM_REPORT_DIR'] };
    const parts = xmls.map((f) => parseJunitXml(files[f]!, ctx.workspace));
    const stated = parts.every((p) => p.runnerTotal !== undefined);
    return { cases: parts.flatMap((p) => p.cases), problems: parts.flatMap((p) => p.problems), ...(stated ? { runnerTotal: parts.reduce((n, p) => n + p.runnerTotal!, 0) } : {}) };
  },
  // A JUnit writer may name a class where a file would be.
  names: 'anything',
};
