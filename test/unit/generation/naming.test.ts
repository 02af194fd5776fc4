import { describe, expect, it } from 'vitest';
import { commitMessage, commitRef, labBranchName } from '../../../generation/naming';

describe('commitMessage', () => {
  it('titles the commit from the first heading and adds the generation trailer', () => {
    expect(commitMessage(7, '# Add a power function\n\nDetails here.\n')).toBe('loom gen-7: Add a power function\n\nLoom-Generation: 7');
    expect(commitMessage(3, '\n\n## Fix parsing  \nbody')).toBe('loom gen-3: Fix parsing\n\nLoom-Generation: 3');
  });

  it('skips heading markers with no text', () => {
    expect(commitMessage(1, '#\n   \n### Real title')).toBe('loom gen-1: Real title\n\nLoom-Generation: 1');
  });

  it('cuts long titles to 72 characters', () => {
    const title = 'x'.repeat(100);
    const [subject] = commitMessage(12, `# ${title}`).split('\n');
    expect(subject).toBe(`loom gen-12: ${'x'.repeat(72)}`);
  });

  it("falls back to 'change' for an empty program", () => {
    expect(commitMessage(2, '')).toBe('loom gen-2: change\n\nLoom-Generation: 2');
    expect(commitMessage(2, '\n  \n#\n')).toBe('loom gen-2: change\n\nLoom-Generation: 2');
  });
});

describe("a Lab's branch", () => {
  it('is named in one place: lab/gen-N, and lab/gen-N-cK for the K-th Lab of best-of-K', () => {
    expect(labBranchName(7)).toBe('lab/gen-7');
    expect(labBranchName(7, 2)).toBe('lab/gen-7-c2');
  });

  it("is read from the host's branch, or from the exchange when the Lab works apart", () => {
    expect(commitRef(undefined, 'run-1', 'lab', 'lab/gen-7-c2', 2)).toBe('refs/heads/lab/gen-7-c2');
    expect(commitRef('/srv/exchange.git', 'run-1', 'lab', 'lab/gen-7-c2', 2)).toBe('refs/loom/exchange/run-1/lab-c2');
    expect(commitRef('/srv/exchange.git', 'run 1', 'base', 'main')).toBe('refs/loom/exchange/run_1/base');
  });
});
