import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LAB_ACTIVITIES, runsOnLab } from '../../../generation/activityRoutes';
import { createActivities, type LoomDeps } from '../../../activities';

describe('worker roles', () => {
  it("sends to the Lab queue only activities a Lab worker registers: the containers, and none of Prime's steps", () => {
    const registered = createActivities({} as LoomDeps) as Record<string, unknown>;
    for (const a of LAB_ACTIVITIES) expect(typeof registered[a], a).toBe('function');
    expect(LAB_ACTIVITIES.filter(runsOnLab)).toEqual([...LAB_ACTIVITIES]);
    for (const a of ['resolveBase', 'fetchBranch', 'checkChange', 'llmReview', 'promote', 'recordGeneration', 'reflect']) expect(runsOnLab(a), a).toBe(false);
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
