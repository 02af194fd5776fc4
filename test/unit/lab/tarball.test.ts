import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { filesOf, firstFileOf, tarOf } from '../../../lab/tarball';

/** A tar archive as Docker sends one: a stream that stays open until it is read to its end or closed. */
const archive = async (files: Array<{ name: string; content: string }>, open = false) => {
  const s = new PassThrough();
  if (open) s.write(await tarOf(files));
  else s.end(await tarOf(files));
  return s;
};

describe('reading an archive from Docker', () => {
  it('reads every file under the folder asked for', async () => {
    const s = await archive([{ name: 'r/a.json', content: '{}' }, { name: 'r/b/c.xml', content: '<x/>' }]);
    const files = await filesOf(s, 1024);
    expect(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.toString()]))).toEqual({ 'a.json': '{}', 'b/c.xml': '<x/>' });
    expect(s.destroyed).toBe(true);
  });

  // Docker keeps the container locked while an archive it sends is open: every later call on
  // that container (an exec, an inspect) would wait for ever.
  it('closes the archive when the files exceed the limit, and when the first file is all it needs', async () => {
    const big = await archive([{ name: 'r/go.jsonl', content: 'x'.repeat(5000) }, { name: 'r/more', content: 'y' }], true);
    await expect(filesOf(big, 1000)).rejects.toThrow(/exceed the 1000-byte limit/);
    expect(big.destroyed).toBe(true);
    const one = await archive([{ name: 'a.txt', content: 'first' }, { name: 'b.txt', content: 'second' }], true);
    expect((await firstFileOf(one, 100)).toString()).toBe('first');
    expect(one.destroyed).toBe(true);
    const over = await archive([{ name: 'a.txt', content: 'z'.repeat(500) }], true);
    await expect(firstFileOf(over, 100)).rejects.toThrow(/over the 100-byte limit/);
    expect(over.destroyed).toBe(true);
  });
});
