import { describe, expect, it } from 'vitest';
import { testsFolder } from '../../../activities/runTests';

describe('where a test Loom adds to a pytest run goes', () => {
  it('is the folder most of the Python test files are in, the shallower on a tie, the root when there are none', () => {
    expect(testsFolder(['tests/test_a.py', 'tests/test_b.py', 'tests/unit/test_c.py'])).toBe('tests');
    expect(testsFolder(['test_a.py', 'tests/test_b.py'])).toBe('');
    expect(testsFolder(['src/app/tests/test_a.py', 'src/app/tests/test_b.py', 'test/x.test.js'])).toBe('src/app/tests');
    expect(testsFolder([])).toBe('');
  });
});
