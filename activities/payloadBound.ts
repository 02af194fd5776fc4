// What an activity hands back travels in the workflow's history, where Temporal refuses a
// payload over 2 MB. Activities return references and bounded summaries; large content stays
// in git and on disk. This is the net under that rule: a result that would still be too large
// fails at once, naming the activity, instead of being refused by the server and retried until
// the activity's timeout.
import { ApplicationFailure } from '@temporalio/activity';

/** Bytes an activity's result may take as JSON: Temporal's error limit is 2 MiB per payload. */
export const MAX_RESULT_BYTES = 1_500_000;

export function checkResultSize(activity: string, result: unknown, max = MAX_RESULT_BYTES): void {
  if (result === undefined) return;
  const bytes = Buffer.byteLength(JSON.stringify(result) ?? '', 'utf8');
  if (bytes <= max) return;
  throw ApplicationFailure.nonRetryable(
    `${activity} returned ${bytes} bytes, over the ${max} bytes its result may carry through Temporal: this is a defect in Loom (large content belongs on disk or in git, with a reference in the result); please report it with the generation's record`,
    'ResultTooLarge',
  );
}

/** Every activity, its result checked against the bound before it leaves the worker. */
export function withBoundedResults<T extends Record<string, (...args: never[]) => Promise<unknown>>>(acts: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(acts)) {
    out[name] = async (...args: never[]) => {
      const result = await fn(...args);
      checkResultSize(name, result);
      return result;
    };
  }
  return out as T;
}
