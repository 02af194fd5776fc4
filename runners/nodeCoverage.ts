// V8's block coverage, which every runner whose tests run in Node records alike: NODE_V8_COVERAGE
// names the folder each process writes its coverage to, whatever the runner.
import type { Coverage } from './runner';

/** JavaScript Node runs as it is written, so V8's offsets are the file's own. */
export const PLAIN_JS = /\.(?:c|m)?js$/;

export const nodeCoverage: Coverage = {
  format: 'v8',
  covers: (path) => PLAIN_JS.test(path),
  run: (dir) => ({ asMutant: true, env: { NODE_V8_COVERAGE: dir } }),
};
