import { describe, expect, it } from 'vitest';
import { parseOomKills } from '../../lab/verifyRun';

describe("the kernel's out-of-memory kills in a container", () => {
  it('reads cgroup v2 memory.events and v1 memory.oom_control', () => {
    expect(parseOomKills('low 0\nhigh 0\nmax 12\noom 2\noom_kill 2\noom_group_kill 0\n')).toBe(2);
    expect(parseOomKills('oom_kill_disable 0\nunder_oom 0\noom_kill 1\n')).toBe(1);
    expect(parseOomKills('oom_kill_disable 0\nunder_oom 0\noom_kill 0\n')).toBe(0);
    expect(parseOomKills('')).toBe(0);
  });
});
