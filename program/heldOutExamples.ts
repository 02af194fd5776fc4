// Held-out examples: worked examples program.md's author writes for verification alone. The
// Lab works from a program.md without them, so a change cannot pass them by recognising their
// inputs: the oldest rule of evaluation, judging on data the learner never saw. Where the Lab
// writes a new function and its own tests, nothing else it cannot see says what the function
// must answer. Pure and free of node: imports so that workflow code can use it.
import { FenceTracker, HEADING } from './programMarkdown';

export const HELD_OUT_HEADING = 'Held-out examples';

/** program.md split in two: `lab`, the text without its "## Held-out examples" section; `heldOut`, that section. */
export function splitHeldOut(text: string): { lab: string; heldOut: string } {
  const lab: string[] = [];
  const heldOut: string[] = [];
  const fence = new FenceTracker();
  let inHeldOut = false;
  text.split('\n').forEach((line, i) => {
    const bare = line.replace(/\r$/, '').trimEnd();
    const h = fence.feed(bare, i + 1) ? null : HEADING.exec(bare);
    if (h) inHeldOut = h[1] === '##' && (h[2] ?? '').trim().toLowerCase() === HELD_OUT_HEADING.toLowerCase();
    (inHeldOut ? heldOut : lab).push(line);
  });
  return { lab: lab.join('\n'), heldOut: heldOut.join('\n') };
}

/** The program.md the Lab works from: everything but its held-out examples. */
export const labProgram = (text: string): string => splitHeldOut(text).lab;
