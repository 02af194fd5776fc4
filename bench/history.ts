// What a generation's Temporal history says about where its time went.
import type { Client } from '@temporalio/client';

type Ts = { seconds?: unknown; nanos?: number | null } | null | undefined;

function ms(ts: Ts): number {
  if (!ts) return 0;
  const s = ts.seconds as { toNumber?: () => number } | number | string | undefined;
  const seconds = typeof s === 'object' && s?.toNumber ? s.toNumber() : Number(s ?? 0);
  return seconds * 1000 + (ts.nanos ?? 0) / 1e6;
}

function id(v: unknown): string {
  return String(v ?? '');
}

export interface ActivitySpan {
  name: string;
  /** Scheduled → started: waiting for the worker to pick the task up. */
  queueMs: number;
  /** Started → completed: the activity itself, as the server saw it. */
  runMs: number;
  /** When it completed (epoch ms, the server's clock), so spans can be measured across activities. */
  endAt: number;
}

export interface HistoryFacts {
  events: number;
  activities: ActivitySpan[];
  workflowTasks: number;
  /** Sum over workflow tasks of scheduled → completed: the workflow code's turns. */
  workflowTaskMs: number;
  /** First event to last. */
  spanMs: number;
}

/** Counts the events of a workflow's history and times its activities and workflow tasks. */
export async function historyFacts(client: Client, workflowId: string, runId?: string): Promise<HistoryFacts> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const events = history.events ?? [];
  const scheduled = new Map<string, { name: string; at: number }>();
  const started = new Map<string, number>();
  const activities: ActivitySpan[] = [];
  const wfScheduled = new Map<string, number>();
  let workflowTasks = 0;
  let workflowTaskMs = 0;
  for (const e of events) {
    const at = ms(e.eventTime as Ts);
    const eid = id(e.eventId);
    if (e.activityTaskScheduledEventAttributes) {
      scheduled.set(eid, { name: e.activityTaskScheduledEventAttributes.activityType?.name ?? '?', at });
    } else if (e.activityTaskStartedEventAttributes) {
      started.set(id(e.activityTaskStartedEventAttributes.scheduledEventId), at);
    } else if (e.activityTaskCompletedEventAttributes) {
      const sid = id(e.activityTaskCompletedEventAttributes.scheduledEventId);
      const s = scheduled.get(sid);
      const st = started.get(sid) ?? s?.at ?? at;
      if (s) activities.push({ name: s.name, queueMs: st - s.at, runMs: at - st, endAt: at });
    } else if (e.workflowTaskScheduledEventAttributes) {
      wfScheduled.set(eid, at);
    } else if (e.workflowTaskCompletedEventAttributes) {
      const s = wfScheduled.get(id(e.workflowTaskCompletedEventAttributes.scheduledEventId));
      workflowTasks++;
      if (s !== undefined) workflowTaskMs += at - s;
    }
  }
  const first = ms(events[0]?.eventTime as Ts);
  const last = ms(events[events.length - 1]?.eventTime as Ts);
  return { events: events.length, activities, workflowTasks, workflowTaskMs, spanMs: last - first };
}

/**
 * Verification's wall time as it happened: from the Lab's branch on the host (fetchBranch done)
 * to the last test run or mutation stage done. checkChange is a local activity between them, so
 * it counts too; measured, not summed, so it shows whatever the workflow runs at once or in turn.
 */
export function verificationWall(h: HistoryFacts): number | undefined {
  const fetched = h.activities.find((a) => a.name === 'fetchBranch')?.endAt;
  const ends = h.activities.filter((a) => (a.name === 'runTests' || a.name === 'mutationTests') && fetched !== undefined && a.endAt > fetched).map((a) => a.endAt);
  return fetched !== undefined && ends.length ? Math.max(...ends) - fetched : undefined;
}
