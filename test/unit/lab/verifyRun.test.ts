import { describe, expect, it } from 'vitest';
import { atTheLimit, parseOomKills } from '../../../lab/verifyRun';
import { reportProblems } from '../../../verify/testResults';

describe("the kernel's out-of-memory kills in a container", () => {
  it('reads cgroup v2 memory.events and v1 memory.oom_control', () => {
    expect(parseOomKills('low 0\nhigh 0\nmax 12\noom 2\noom_kill 2\noom_group_kill 0\n')).toBe(2);
    expect(parseOomKills('oom_kill_disable 0\nunder_oom 0\noom_kill 1\n')).toBe(1);
    expect(parseOomKills('oom_kill_disable 0\nunder_oom 0\noom_kill 0\n')).toBe(0);
    expect(parseOomKills('')).toBe(0);
  });
});

describe('what was still running when a run hit its time limit', () => {
  const at = (lines: Array<[number, number, string, number?]>) => ['some output', ...lines.map(([p, pp, c, waitNs = 1000]) => `loom-still-running ${p} ${pp} ${waitNs} ${c}`), 'more output'].join('\n');

  it("lists the command's processes parent first, without Loom's wrappers around it", () => {
    const stderr = at([
      [40, 12, 'node /workspace/test/slow.test.js'],
      [10, 7, 'timeout -k 5 31 bash -c npm test'],
      [11, 10, 'bash -c npm test'],
      [12, 11, 'npm test'],
      [41, 40, 'sleep 100'],
      [30, 12, 'node --test'],
    ]);
    expect(atTheLimit(stderr, 'npm test').stillRunning).toEqual(['npm test', 'node /workspace/test/slow.test.js', 'sleep 100', 'node --test']);
  });

  it('keeps at most 10, each cut to 200 characters, and finds none in output without the watcher', () => {
    const many = at(Array.from({ length: 15 }, (_, i): [number, number, string] => [100 + i, 1, `node test/t${i}.js ${'x'.repeat(300)}`]));
    const got = atTheLimit(many, 'npm test').stillRunning;
    expect(got).toHaveLength(10);
    expect(got.every((c) => c.length === 200 && c.endsWith('…'))).toBe(true);
    expect(atTheLimit('FAIL test/a.test.js\nloom-still-running is not a marker here', 'npm test')).toEqual({ stillRunning: [], waitedForCpuMs: 0 });
  });

  it('adds up how long they waited for a CPU, wrappers included', () => {
    const stderr = at([
      [10, 7, 'timeout -k 5 31 bash -c npm test', 2_000_000],
      [12, 10, 'npm test', 3_000_000],
      [40, 12, 'node /workspace/test/busy.test.js', 7_500_000_000],
    ]);
    expect(atTheLimit(stderr, 'npm test').waitedForCpuMs).toBe(7505);
  });

  it('names them where a timed-out run is reported', () => {
    const run = { runner: 'node', how: '', exitCode: 124, timedOut: true, files: [], cases: [], problems: [], stillRunning: ['node /workspace/test/slow.test.js'] };
    expect(reportProblems(run)).toEqual(['the test command timed out (still running at the limit: node /workspace/test/slow.test.js)']);
    expect(reportProblems({ ...run, stillRunning: undefined })).toEqual(['the test command timed out']);
  });
});
