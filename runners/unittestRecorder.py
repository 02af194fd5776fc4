# Loom's recorder for Python's unittest, loaded into every Python process of a test run as the
# sitecustomize module of a folder on PYTHONPATH, and active only in a `python -m unittest`
# process: unittest has no report file. It wraps the result object of unittest's own runner
# and appends a JSON line to $LOOM_REPORT_DIR/unittest-<pid>.jsonl as each test starts and
# as each outcome arrives (a subtest's failure or skip included), then unittest's own totals;
# the parser checks the two agree. A test is the file of the module it was loaded from and
# its class and method. A `python -m unittest` that a test itself starts inherits the marker
# below and stays silent: its tests are not the repository's. The tests run in this same
# process, so what they could forge here is what they could forge in unittest itself.
import os
import sys

_MARK = 'LOOM_UNITTEST_RECORDER_PID'
_DIR = os.environ.get('LOOM_REPORT_DIR')


def _runs_unittest():
    """Whether this process is `python -m unittest`; before Python 3.10 the run itself checks."""
    argv = getattr(sys, 'orig_argv', None)
    if argv is None:
        return True
    i = 1
    while i < len(argv):
        a = argv[i]
        if a == '-m':
            return i + 1 < len(argv) and argv[i + 1] == 'unittest'
        if a.startswith('-m'):
            return a[2:] == 'unittest'
        if a in ('-W', '-X'):
            i += 2
            continue
        if not a.startswith('-') or a.startswith('-c'):
            return False
        i += 1
    return False


def _install():
    import json
    import traceback
    import unittest

    out = os.path.join(_DIR, 'unittest-%d.jsonl' % os.getpid())
    state = {'armed': False, 'used': False}

    def emit(record):
        # One write per line, opened each time: a test that closes descriptors cannot silence it.
        fd = os.open(out, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, (json.dumps(record) + '\n').encode('utf-8', 'replace'))
        finally:
            os.close(fd)

    def module_file(name):
        module = sys.modules.get(name)
        path = getattr(module, '__file__', None)
        if path:
            return os.path.abspath(path)
        # A module that failed to import: where the interpreter would have found it.
        rel = name.replace('.', os.sep)
        for entry in sys.path:
            for candidate in (rel + '.py', os.path.join(rel, '__init__.py')):
                full = os.path.join(entry or os.getcwd(), candidate)
                if os.path.isfile(full):
                    return os.path.abspath(full)
        return None

    def identity(test):
        """The test's file and name, the subtest's description apart."""
        sub = None
        if type(test).__name__ == '_SubTest' and hasattr(test, 'test_case'):
            sub = test._subDescription()
            test = test.test_case
        cls = type(test)
        if cls.__name__ == '_ErrorHolder':
            # A class or module fixture that failed: "setUpClass (pkg.module.Class)".
            description = str(getattr(test, 'description', test))
            fixture, _, target = description.partition(' (')
            target = target.rstrip(')')
            if target in sys.modules:
                return {'file': module_file(target), 'name': '(file)', 'fixture': fixture}, sub
            module, _, qualname = target.rpartition('.')
            while module and module not in sys.modules and '.' in module:
                module, _, head = module.rpartition('.')
                qualname = head + '.' + qualname
            return {'file': module_file(module), 'name': ' > '.join(qualname.split('.') + [fixture]), 'fixture': fixture}, sub
        method = getattr(test, '_testMethodName', None)
        if cls.__module__ == 'unittest.loader' and method:
            # A module that failed to import, or raised SkipTest as it did: unittest names it in place of a test.
            return {'file': module_file(method), 'name': '(file)'}, sub
        path = getattr(test, '_loom_file', None) or module_file(cls.__module__)
        test_id = test.id()
        if method and test_id == '%s.%s.%s' % (cls.__module__, cls.__qualname__, method):
            name = ' > '.join(cls.__qualname__.split('.') + [method])
        else:
            name = test_id
        return {'file': path, 'name': name}, sub

    def message(result, test, err):
        try:
            head = ''.join(traceback.format_exception_only(err[0], err[1])).strip()
            if 'Traceback (most recent call last):' in head:
                # unittest's own error for a module that failed to import carries that traceback: its first and last lines say it.
                lines = [line for line in head.splitlines() if line.strip()]
                return lines[0] + '\n' + lines[-1]
            frames = [line for line in result._exc_info_to_string(err, test).splitlines() if line.startswith('  ')]
            return '\n'.join([head] + frames[-4:])
        except Exception:
            return str(err[1])

    def instrument(result):
        def wrap(method, outcome, has_err=False):
            original = getattr(result, method, None)
            if original is None:
                return

            def recorded(test, *args):
                try:
                    who, sub = identity(test)
                    record = dict(type='outcome', outcome=outcome, **who)
                    if sub is not None:
                        record['subtest'] = sub
                    if has_err and args:
                        record['message'] = message(result, test, args[0])
                    emit(record)
                except Exception as e:
                    emit({'type': 'error', 'message': 'the recorder failed on %s: %r' % (method, e)})
                return original(test, *args)

            setattr(result, method, recorded)

        start = result.startTest

        def start_test(test):
            try:
                who, _ = identity(test)
                emit(dict(type='start', **who))
            except Exception as e:
                emit({'type': 'error', 'message': 'the recorder failed on startTest: %r' % (e,)})
            return start(test)

        result.startTest = start_test
        wrap('addSuccess', 'success')
        wrap('addFailure', 'failure', True)
        wrap('addError', 'error', True)
        wrap('addSkip', 'skip')
        wrap('addExpectedFailure', 'expectedFailure')
        wrap('addUnexpectedSuccess', 'unexpectedSuccess')
        sub_test = result.addSubTest

        def add_sub_test(test, subtest, err):
            if err is not None:
                try:
                    failed = issubclass(err[0], test.failureException)
                    who, sub = identity(subtest)
                    emit(dict(type='outcome', outcome='failure' if failed else 'error', subtest=sub, message=message(result, test, err), **who))
                except Exception as e:
                    emit({'type': 'error', 'message': 'the recorder failed on addSubTest: %r' % (e,)})
            return sub_test(test, subtest, err)

        result.addSubTest = add_sub_test
        return result

    # The module a test was loaded from names its file, even when its class is defined elsewhere.
    load_module = unittest.TestLoader.loadTestsFromModule

    def load_tests_from_module(self, module, *args, **kwargs):
        suite = load_module(self, module, *args, **kwargs)
        path = getattr(module, '__file__', None)

        def tag(node):
            for t in getattr(node, '_tests', ()):
                if isinstance(t, unittest.TestCase):
                    if path and not hasattr(t, '_loom_file'):
                        t._loom_file = os.path.abspath(path)
                else:
                    tag(t)

        tag(suite)
        return suite

    unittest.TestLoader.loadTestsFromModule = load_tests_from_module

    # The program's own run, and only it: a runner a test starts inside it is not recorded.
    run_tests = unittest.TestProgram.runTests

    def program_run_tests(self, *args, **kwargs):
        main = sys.modules.get('__main__')
        spec = getattr(main, '__spec__', None)
        state['armed'] = getattr(spec, 'name', None) == 'unittest.__main__'
        return run_tests(self, *args, **kwargs)

    unittest.TestProgram.runTests = program_run_tests
    run = unittest.TextTestRunner.run

    def runner_run(self, test):
        if not state['armed'] or state['used']:
            return run(self, test)
        state['used'] = True
        make = self._makeResult
        self._makeResult = lambda: instrument(make())
        result = run(self, test)
        emit({
            'type': 'totals',
            'run': result.testsRun,
            'failures': len(result.failures),
            'errors': len(result.errors),
            'skipped': len(result.skipped),
            'expectedFailures': len(result.expectedFailures),
            'unexpectedSuccesses': len(result.unexpectedSuccesses),
        })
        return result

    unittest.TextTestRunner.run = runner_run


def _chain():
    """The sitecustomize this folder hides (Debian has one), run as it would have been."""
    import importlib.machinery
    import importlib.util

    here = os.path.dirname(os.path.abspath(__file__))
    rest = [p for p in sys.path if os.path.abspath(p or os.curdir) != here]
    spec = importlib.machinery.PathFinder.find_spec('sitecustomize', rest)
    if spec and spec.loader:
        spec.loader.exec_module(importlib.util.module_from_spec(spec))


if _DIR and not os.environ.get(_MARK) and _runs_unittest():
    os.environ[_MARK] = str(os.getpid())
    try:
        _install()
    except Exception as e:
        sys.stderr.write('loom: the unittest recorder could not start: %r\n' % (e,))

try:
    _chain()
except Exception:
    pass
