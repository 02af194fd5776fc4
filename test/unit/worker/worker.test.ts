import { describe, expect, it } from 'vitest';
import { activitySlotsFrom, scopeOf, workerRoleFrom } from '../../../worker/worker';

describe('worker roles', () => {
  it('runs everything by default, and only container work as a Lab worker on its own queue', () => {
    expect(workerRoleFrom({})).toEqual({ role: 'all' });
    expect(workerRoleFrom({ LOOM_WORKER_ROLE: 'lab', LOOM_LAB_TASK_QUEUE: 'labs' })).toEqual({ role: 'lab', taskQueue: 'labs' });
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
});
