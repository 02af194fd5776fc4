import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { activitySlotsFrom, scopeOf, workerRoleFrom } from '../../../worker/worker';
import { LAB_ACTIVITIES, runsOnLab } from '../../../generation/activityRoutes';
import { createActivities, type LoomDeps } from '../../../activities';
import { exchangeRef } from '../../../git/exchange';

describe('worker roles', () => {
  it('runs everything by default, and only container work as a Lab worker on its own queue', () => {
    expect(workerRoleFrom({})).toEqual({ role: 'all' });
    expect(workerRoleFrom({ LOOM_WORKER_ROLE: 'lab', LOOM_LAB_TASK_QUEUE: 'labs' })).toEqual({ role: 'lab', taskQueue: 'labs' });
  });

  it("sends to the Lab queue only activities a Lab worker registers: the containers, and none of Prime's steps", () => {
    const registered = createActivities({} as LoomDeps) as Record<string, unknown>;
    for (const a of LAB_ACTIVITIES) expect(typeof registered[a], a).toBe('function');
    expect(LAB_ACTIVITIES.filter(runsOnLab)).toEqual([...LAB_ACTIVITIES]);
    for (const a of ['resolveBase', 'fetchBranch', 'checkChange', 'llmReview', 'promote', 'recordGeneration', 'reflect']) expect(runsOnLab(a), a).toBe(false);
  });

  it('names the missing or wrong setting', () => {
    expect(() => workerRoleFrom({ LOOM_WORKER_ROLE: 'lab' })).toThrow(/needs LOOM_LAB_TASK_QUEUE/);
    expect(() => workerRoleFrom({ LOOM_WORKER_ROLE: 'prime' })).toThrow(/must be "all" \(the default\) or "lab", got "prime"/);
  });

  it('takes a number of activity slots, or the SDK default, and refuses nonsense', () => {
    expect(activitySlotsFrom({})).toBeUndefined();
    expect(activitySlotsFrom({ LOOM_ACTIVITY_SLOTS: '8' })).toBe(8);
    expect(() => activitySlotsFrom({ LOOM_ACTIVITY_SLOTS: '0' })).toThrow(/LOOM_ACTIVITY_SLOTS must be a whole number of at least 1 .* got "0"/);
    expect(() => activitySlotsFrom({ LOOM_ACTIVITY_SLOTS: 'many' })).toThrow(/got "many"/);
  });

  it('labels containers with the Temporal they belong to', () => {
    expect(scopeOf({ address: '127.0.0.1:7233', namespace: 'default' })).toBe('127.0.0.1:7233/default');
  });

  it('keeps each run apart in the exchange, whatever its id holds', () => {
    expect(exchangeRef('loom-calc-1/gen 2', 'lab')).toBe('refs/loom/exchange/loom-calc-1_gen_2/lab');
  });
});

describe('what Lab workers run, as the docs say it', () => {
  it('README and docs/cluster.md name every activity of the one list', () => {
    const read = (rel: string) => readFileSync(fileURLToPath(new URL(`../../../${rel}`, import.meta.url)), 'utf8');
    for (const doc of ['README.md', 'docs/cluster.md']) {
      const text = read(doc).replace(/\s+/g, ' ');
      const listed = /\(`?setupImage`?, `?prepareLab`?, `?spawnLab`?, `?runTests`?, `?cleanupGeneration`?:/.exec(text);
      expect(listed?.[0].replace(/`/g, ''), doc).toBe(`(${LAB_ACTIVITIES.join(', ')}:`);
    }
  });
});
