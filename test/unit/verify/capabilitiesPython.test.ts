import { describe, expect, it } from 'vitest';
import { pythonCapabilities } from '../../../verify/capabilitiesPython';

const py = async (code: string) => (await pythonCapabilities('calc.py', code)).uses.map((u) => `${u.capability}: ${u.what}`);

describe('Python capabilities, by what names are bound to', () => {
  it('finds the environment, arguments, stack and loaded modules through imports, aliases and getattr', async () => {
    expect(await py("import os\ndef f():\n    return os.environ.get('PYTEST_CURRENT_TEST')\n")).toEqual(['environment: os.environ.get']);
    expect(await py("from os import environ as e\nx = e['A']\n")).toEqual(['environment: os.environ.A']);
    expect(await py("import os\nE = os.environ\ndef f():\n    return 'PYTEST' in E\n")).toContain('environment: os.environ');
    expect(await py("import sys\ndef f():\n    return 'pytest' in sys.modules\n")).toEqual(['process internals: sys.modules']);
    expect(await py('import sys\nA = sys.argv\n')).toEqual(['arguments: sys.argv']);
    expect(await py("import os\nx = getattr(os, 'environ')['A']\n")).toContain('environment: os.environ.A');
    expect(await py("import inspect\ndef f():\n    return inspect.stack()\n")).toEqual(['call stack: inspect.stack']);
    expect(await py("from os import *\nx = environ['A']\n")).toEqual(['environment: os.environ.A']);
  });

  it('treats reflection, code from strings and dunder walks as capabilities', async () => {
    expect(await py("m = __import__('o' + 's')\n")).toEqual(['dynamic code: __import__']);
    expect(await py("import os\nx = getattr(os, 'env' + 'iron')\n")).toContain('process internals: getattr(os, <computed name>)');
    expect(await py('def f():\n    return ().__class__.__base__.__subclasses__()\n')).toContain('process internals: .__subclasses__');
    expect(await py("exec('x = 1')\n")).toEqual(['dynamic code: exec']);
    expect(await py('import builtins\nbuiltins.sum = lambda xs: 6\n')).toEqual(['process internals: builtins.sum = (rewrites a module it does not own)']);
    expect(await py('import unittest\nunittest.TestCase.assertEqual = lambda *a: None\n')).toEqual(['test runner: import of unittest', 'test runner: unittest.TestCase.assertEqual = (rewrites a module it does not own)']);
    expect(await py('import os\nos._exit(0)\n')).toEqual(['process internals: os._exit']);
    expect(await py('import pytest\n')).toEqual(['test runner: import of pytest']);
  });

  it('leaves ordinary code alone, a main block and a shadowing parameter included', async () => {
    expect(await py("import math\nfrom functools import reduce\ndef mul(a, b):\n    return a * b\nT = {'a': 1}\n")).toEqual([]);
    expect(await py("import sys\ndef main():\n    return 0\nif __name__ == '__main__':\n    sys.exit(main())\n")).toEqual([]);
    expect(await py('import os\ndef f(os):\n    return os.environ\n')).toEqual([]);
    expect((await pythonCapabilities('calc.py', 'def f(:\n  pass\n')).unreadable).toMatch(/syntax error at line 1/);
  });
});

describe('reading the working folder, the process table and the standard streams', () => {
  it('Python: open() and os.path relative to the working folder, /proc, a look at the streams or the log handlers; printing to them is fine', async () => {
    expect(await py("import os\nif os.path.exists('tests'):\n    pass\n")).toEqual(["environment: os.path.exists('tests') (relative to the working folder)"]);
    expect(await py("with open('/proc/self/cmdline') as f:\n    pass\n")).toContain("process internals: '/proc/self/cmdline' (the process table)");
    expect(await py('import sys\nx = type(sys.stdout)\n')).toEqual(['environment: sys.stdout']);
    expect(await py('import sys\nx = sys.stdin.fileno()\n')).toEqual(['environment: sys.stdin.fileno']);
    expect(await py("import logging\nx = logging.getLogger().handlers\n")).toEqual(['environment: logging.getLogger().handlers (who captures the logs)']);
    expect(await py("import sys\nprint('x', file=sys.stderr)\nsys.stdout.write('y')\n")).toEqual([]);
  });
});
