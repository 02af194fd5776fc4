import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote } from '../../../lab/shellQuote';

describe('a word quoted for the shell', () => {
  it('reaches the command as it was, whatever it holds', () => {
    for (const word of ["it's", 'a b', '$HOME', '`id`', 'x"y', "''", '', 'dir/with space/f.go']) {
      expect(execFileSync('bash', ['-c', `printf %s ${shellQuote(word)}`], { encoding: 'utf8' })).toBe(word);
    }
  });
});
