import { describe, expect, it } from 'vitest';
import { commitMessage } from '../../../generation/naming';

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
