// vitest, read from its JSON reporter's file, which has jest's shape; its default reporter
// stays on for the person reading the output.
import { parseJestJson } from './jest';
import { nodeCoverage } from './nodeCoverage';
import { oneReport } from './reportFiles';
import { REPORT_DIR, type Runner } from './runner';
import { base } from './shellWords';

export const vitest: Runner = {
  name: 'vitest',
  label: 'vitest',
  how: "vitest's JSON reporter (--reporter=json)",
  detect: (words) => base(words[0] ?? '') === 'vitest',
  appends: true,
  suggested: 'npx vitest run',
  runsAlone: true,
  valueOptions: new Set(['--config', '-c', '--project', '--dir', '--root', '-r', '--environment', '--pool', '--shard', '-t', '--testNamePattern', '--mode', '--configLoader', '--exclude', '--workspace', '--browser']),
  subcommands: new Set(['run', 'watch', 'dev', 'related']),
  report: () => ({ args: `--reporter=default --reporter=json --outputFile.json=${REPORT_DIR}/vitest.json`, env: { LOOM_REPORT_DIR: REPORT_DIR } }),
  parse: (files, ctx) => oneReport('vitest', 'vitest.json', files, (t) => parseJestJson(t, ctx.workspace)),
  names: 'files',
  coverage: nodeCoverage,
};
