// Which code a test run executed, from V8's block coverage (NODE_V8_COVERAGE): a span is
// executed when, in some process that loaded its file, the innermost block range around it
// ran at least once. A file no process reported is unknown, never "not executed": a runner
// whose workers write no coverage must not make tested code look untested. Pure.

/** Per file, per process that loaded it: [startOffset, endOffset, count] block ranges. */
export type BlockCoverage = Record<string, Array<Array<[number, number, number]>>>;

/** Whether the code at [start, end) of `file` ran: true, false, or undefined when no process reported the file. */
export function executed(coverage: BlockCoverage, file: string, start: number, end: number): boolean | undefined {
  const processes = coverage[file];
  if (!processes?.length) return undefined;
  return processes.some((ranges) => {
    let best: [number, number, number] | undefined;
    for (const r of ranges) {
      if (r[0] <= start && end <= r[1] && (!best || r[1] - r[0] < best[1] - best[0])) best = r;
    }
    // Outside every function range (top-level code of a loaded module) the script itself ran.
    return best ? best[2] > 0 : true;
  });
}
