import { describe, expect, it } from 'vitest';
import { LAB_ACTIVITIES, workerRoleFrom } from '../../worker/worker';
import { exchangeRef } from '../../git/exchange';

describe('worker roles', () => {
  it('runs everything by default, and only container work as a Lab worker on its own queue', () => {
    expect(workerRoleFrom({})).toEqual({ role: 'all' });
    expect(workerRoleFrom({ LOOM_WORKER_ROLE: 'lab', LOOM_LAB_TASK_QUEUE: 'labs' })).toEqual({ role: 'lab', taskQueue: 'labs' });
    expect([...LAB_ACTIVITIES]).toEqual(['prepareLab', 'spawnLab', 'runTests', 'cleanupGeneration']);
  });

  it('names the missing or wrong setting', () => {
    expect(() => workerRoleFrom({ LOOM_WORKER_ROLE: 'lab' })).toThrow(/needs LOOM_LAB_TASK_QUEUE/);
    expect(() => workerRoleFrom({ LOOM_WORKER_ROLE: 'prime' })).toThrow(/must be "all" \(the default\) or "lab", got "prime"/);
  });

  it('keeps each run apart in the exchange, whatever its id holds', () => {
    expect(exchangeRef('loom-calc-1/gen 2', 'lab')).toBe('refs/loom/exchange/loom-calc-1_gen_2/lab');
  });
});
