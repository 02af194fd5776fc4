# Loom's guard on pytest's hooks, loaded into every pytest run Loom makes (-p loom_lab_hooks,
# from a root-owned folder on PYTHONPATH) before any conftest.py. Rule: no hook implementation
# the change added or altered is in force, so the Lab's new tests pass or fail as the base's
# hooks judge them, and a conftest.py the Lab wrote cannot swallow a failure, retry a test
# into a pass or drop it. The rule is kept at registration, whatever the spelling: every
# hook implementation pytest registers (a conftest module, a plugin it names, an object
# registered from a fixture) goes through PytestPluginManager.parse_hookimpl_opts, and one
# whose code the change wrote is refused there. The Lab's fixtures stay: they cannot catch
# what a test raises. Hooks that only declare (options, markers, parameters) stay too.
#
# Whose code: the code object's file. Outside the repository, installed code is the base's;
# inside it, a file the change did not touch is the base's, and in one it did, a function
# whose syntax tree equals the base's same-named one. A file written during the run and code
# with no file (built by exec) are the Lab's. Then, at each test's report, the hook
# implementations in force must be the ones that passed: one put in place another way ends
# the run.
#
# Rule two: every test the change writes runs. A function in a test module the change wrote
# or altered that pytest would collect by its name (python_functions, in a module or a
# python_classes class) yet was not collected, and that no collected test uses as a
# fixture, never runs (a test decorated as a fixture, a class with an __init__): it fails in
# place of the test it was written as. Both rules are active only where LOOM_BASE_SHA names
# the base commit.
#
# Rule four: a module the change wrote or altered is read as its own text. A coding
# declaration that names a codec Python does not ship is decoded by whatever codec the run
# registered (a conftest.py's, turning float literals into Decimals): the module means one
# thing here and another, or nothing, anywhere else. It fails in place, naming the codec.
#
# Rule three, in every run: an expected exception is judged as an `except` clause judges it.
# pytest.raises and unittest's assertRaises, used as context managers, ask issubclass(), which
# a class may answer as it likes (ABCMeta.register, __subclasscheck__); `except` follows the
# raised class's real bases. A test that expects E passes only for what `except E` would
# catch, so code whose callers catch E cannot pass by raising something registered as E.
import ast
import encodings
import fnmatch
import inspect
import os
import subprocess
import sys
import time
import tokenize

import pytest

_BASE = os.environ.get("LOOM_BASE_SHA", "")
# Hooks that only declare: command-line options, markers, parameter sets.
_DECLARE = frozenset(("pytest_addoption", "pytest_configure", "pytest_generate_tests", "pytest_addhooks"))
_STARTED = time.time()


def _git(top, *args):
    # No timeout: waiting with one sleeps, and time.sleep fails under libfaketime (the perturbed run's clock).
    r = subprocess.run(["git", "-C", top, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return r.stdout if r.returncode == 0 else None


# The standard error pytest found, before its capture of the tests' output begins.
_ERR = os.dup(2) if _BASE else 2


def _say(text):
    try:
        os.write(_ERR, ("loom: %s\n" % text).encode("utf-8", "replace"))
    except OSError:
        pass


class _Guard:
    def __init__(self, top):
        self.top = os.path.realpath(top)
        # Commit against commit: git reads no file of the workspace, so what the run reads (its
        # files' access times, which Loom traces) stays the tests' own.
        changed = _git(self.top, "diff", "--name-only", "-z", "--no-renames", _BASE, "HEAD", "--")
        if changed is None:
            raise RuntimeError("git cannot compare the workspace with %s" % _BASE[:12])
        self.changed = {os.path.join(self.top, p) for p in changed.decode("utf-8", "surrogateescape").split("\0") if p}
        self.trees = {}
        # (plugin, function) of every hook implementation that passed, kept alive with its ids.
        self.approved = set()
        self.kept = []
        self.seen = set()
        # The run's own plugin manager: pytest started inside a test (pytester) has its own.
        self.pm = None

    def _tree(self, path, rev):
        key = (path, rev)
        if key not in self.trees:
            try:
                text = _git(self.top, "show", "%s:%s" % (rev or "HEAD", os.path.relpath(path, self.top)))
                self.trees[key] = ast.parse(text) if text is not None else None
            except (OSError, SyntaxError, ValueError):
                self.trees[key] = None
        return self.trees[key]

    def _same_as_base(self, path, code):
        """Whether the function at code's first line has the base's syntax tree, under the same nesting."""
        lab = self._tree(path, None)
        base = self._tree(path, _BASE)
        if lab is None or base is None:
            return False
        trail = _locate(lab, code.co_firstlineno, ())
        if trail is None:
            return False
        found = _follow(base, trail[0])
        return found is not None and ast.dump(found) == ast.dump(trail[1])

    def is_labs(self, fn):
        fn = _unwrap(fn)
        code = getattr(fn, "__code__", None)
        if code is None:
            return False  # compiled code: nothing the change can have written
        path = code.co_filename
        if not os.path.isfile(path):
            return True  # built from a string
        path = os.path.realpath(path)
        try:
            if os.stat(path).st_ctime >= _STARTED:
                return True  # written during the run
        except OSError:
            return True
        if path in self.changed:
            return not self._same_as_base(path, code)
        return False

    def approve(self, plugin, fn):
        self.kept.append((plugin, fn))
        self.approved.add((id(plugin), id(_unwrap(fn))))

    def parse(self, original, pm, plugin, name):
        if self.pm is None:
            self.pm = pm
        opts = original(pm, plugin, name)
        if pm is not self.pm or opts is None:
            return opts
        self.seen.add(id(plugin))
        method = getattr(plugin, name, None)
        if name not in _DECLARE and self.is_labs(method):
            code = getattr(_unwrap(method), "__code__", None)
            where = "%s:%s" % (os.path.relpath(code.co_filename, self.top), code.co_firstlineno) if code is not None else "code built from a string"
            _say("the change's hook %s (%s) is not in force: the base's hooks judge every test" % (name, where))
            return None
        self.approve(plugin, method)
        return opts

    def registered(self, plugin, pm):
        """A plugin registered before this module was imported (pytest's own): its hooks are the base's."""
        if pm is not self.pm or id(plugin) in self.seen:
            return
        self.seen.add(id(plugin))
        for caller in pm.get_hookcallers(plugin) or ():
            for impl in caller.get_hookimpls():
                if impl.plugin is plugin:
                    self.approve(plugin, impl.function)

    def check(self, pm):
        for caller in list(vars(pm.hook).values()):
            impls = getattr(caller, "get_hookimpls", None)
            if impls is None:
                continue
            for impl in impls():
                if (id(impl.plugin), id(_unwrap(impl.function))) not in self.approved:
                    _say("a hook implementation (%s, of %r) was put in place without being registered: the run is void" % (caller.name, impl.plugin_name))
                    os._exit(3)


def _unwrap(fn):
    for _ in range(20):
        inner = getattr(fn, "__func__", None) or getattr(fn, "__wrapped__", None) or getattr(fn, "func", None)
        if inner is None or inner is fn:
            break
        fn = inner
    return fn


def _locate(node, line, trail):
    """The (name trail, node) of the def or lambda whose first line (decorators included) is `line`."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            first = min([child.lineno] + [d.lineno for d in child.decorator_list])
            here = trail + (child.name,)
            if first == line and not isinstance(child, ast.ClassDef):
                return here, child
            found = _locate(child, line, here)
            if found is not None:
                return found
        else:
            found = _locate(child, line, trail)
            if found is not None:
                return found
    return None


def _follow(node, trail):
    for name in trail:
        node = next((c for c in ast.walk(node) if isinstance(c, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and c.name == name), None)
        if node is None:
            return None
    return node


def _install():
    if not _BASE:
        return None
    top = _git(os.getcwd(), "rev-parse", "--show-toplevel")
    if top is None:
        _say("not a git checkout: the change's hooks cannot be told from the base's")
        return None
    from _pytest.config import PytestPluginManager

    guard = _Guard(top.decode("utf-8", "surrogateescape").strip())
    original = PytestPluginManager.parse_hookimpl_opts

    def parse_hookimpl_opts(self, plugin, name):
        return guard.parse(original, self, plugin, name)

    PytestPluginManager.parse_hookimpl_opts = parse_hookimpl_opts
    return guard


def _judged_as_except(context_class, expected_of):
    """Wraps context_class.__exit__: an exception that is the expected class only by issubclass() fails the test, naming why."""
    original = context_class.__exit__
    if getattr(original, "_loom_as_except", False):
        return

    def __exit__(self, exc_type, exc_val, exc_tb):
        __tracebackhide__ = True
        if exc_type is not None:
            expected = expected_of(self)
            expected = expected if isinstance(expected, tuple) else (expected,)
            classes = [e for e in expected if isinstance(e, type)]
            if classes and not any(e in exc_type.__mro__ for e in classes) and issubclass(exc_type, tuple(classes)):
                names = " or ".join(e.__name__ for e in classes)
                raise AssertionError(
                    "loom: the test expects %s, and the code raised %s, which is %s only to issubclass() "
                    "(registered as one, or a __subclasscheck__), not by its bases: `except %s` would not catch it"
                    % (names, exc_type.__name__, names, names)
                ) from exc_val
        return original(self, exc_type, exc_val, exc_tb)

    __exit__._loom_as_except = True
    context_class.__exit__ = __exit__


def _install_except_semantics():
    import unittest.case

    _judged_as_except(unittest.case._AssertRaisesContext, lambda c: c.expected)
    try:
        from _pytest.python_api import RaisesContext
    except ImportError:  # pytest 8.4 and later: the context is _pytest.raises.RaisesExc
        from _pytest.raises import RaisesExc as RaisesContext
    _judged_as_except(RaisesContext, lambda c: c.expected_exception if hasattr(c, "expected_exception") else c.expected_exceptions)


try:
    _install_except_semantics()
except Exception as e:  # the run goes on with pytest's own matching, and says so
    _say("expected exceptions are judged by pytest's own matching: %r" % (e,))

try:
    _GUARD = _install()
except Exception as e:  # the run goes on as it would without the guard, and says so
    _say("the guard on the change's hooks could not start: %r" % (e,))
    _GUARD = None


def pytest_plugin_registered(plugin, manager):
    # Historic: called at once for every plugin registered before this one.
    if _GUARD is not None:
        _GUARD.registered(plugin, manager)


_MODULES = []


def pytest_collectstart(collector):
    # A test module, not a package (a Module to pytest 7 too): a package's __init__.py is read only
    # when something imports it, and then it is in sys.modules.
    if _GUARD is not None and isinstance(collector, pytest.Module) and not isinstance(collector, getattr(pytest, "Package", ())):
        _MODULES.append(collector)


class _NeverRun(pytest.Item):
    """Stands for a test the change wrote that pytest never runs: it fails, saying why."""

    def __init__(self, *, why, **kwargs):
        super().__init__(**kwargs)
        self.why = why

    def runtest(self):
        raise AssertionError(self.why)

    def repr_failure(self, excinfo):
        return "loom: %s" % self.why

    def reportinfo(self):
        return self.path, None, self.name


def _written(obj, module):
    """The function itself, when obj is one defined in module (a fixture's too) and not marked __test__ = False, else None."""
    fn = getattr(obj, "_fixture_function", None) or getattr(obj, "__wrapped__", None) or obj
    if not inspect.isfunction(fn) or getattr(obj, "__test__", True) is False:
        return None
    return fn if fn.__module__ == module.__name__ else None


def _never_run(module, ran, used):
    """The test-like functions of module that no collected test runs and that the change wrote (the base's own stay its own)."""
    path = os.path.realpath(str(module.path))
    changed = lambda fn: not _GUARD._same_as_base(path, fn.__code__)
    config = module.config
    funcs = config.getini("python_functions")
    classes = config.getini("python_classes")
    like = lambda name, patterns: any(name.startswith(p) or (any(c in p for c in "*?[") and fnmatch.fnmatch(name, p)) for p in patterns)
    found = []
    for name, obj in list(vars(module.obj).items()):
        fn = _written(obj, module.obj) if like(name, funcs) else None
        if fn is not None and id(fn) not in ran and name not in used and changed(fn):
            found.append((name, "%s is written as a test but pytest never runs it (a fixture no test uses, or not a test function to pytest); run it as a test or rename it" % name))
        # A class's own __test__ = False says it is not a test; one it inherits does not say so of its own tests.
        elif inspect.isclass(obj) and like(name, classes) and obj.__module__ == module.obj.__name__ and vars(obj).get("__test__", True) is not False:
            for attr, member in list(vars(obj).items()):
                if like(attr, funcs) and inspect.isfunction(member) and id(member) not in ran and changed(member):
                    why = "it has an __init__, so pytest collects none of its tests" if "__init__" in vars(obj) else "pytest collects it in no class (its __test__ is false, or it is not a test class to pytest)"
                    found.append(("%s::%s" % (name, attr), "%s.%s is written as a test but pytest never runs it: %s" % (name, attr, why)))
    return found


def _open_unseen(path):
    """The file opened without stamping its access time: Loom traces what the tests read by those
    stamps, and the guard's own reading must not count as theirs."""
    try:
        return os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NOATIME", 0)), "rb")
    except PermissionError:  # O_NOATIME is for the file's owner
        return open(path, "rb")


def _foreign_codec(path):
    """The codec a Python file declares, when Python does not ship it; else None."""
    try:
        with _open_unseen(path) as f:
            declared, _ = tokenize.detect_encoding(f.readline)
    except Exception:  # a declaration no codec answers: Python itself refuses the file
        return None
    return None if encodings.search_function(declared) is not None else declared


def _read_as_text(modules, items):
    """A failing item for each module the change wrote or altered that a foreign codec decodes: collected test modules and imported ones."""
    if not modules:
        return
    paths = {os.path.realpath(str(m.path)): m for m in modules}
    for m in list(sys.modules.values()):
        f = getattr(m, "__file__", None)
        if f and f.endswith(".py"):
            paths.setdefault(os.path.realpath(f), modules[0])
    for path, module in paths.items():
        if path not in _GUARD.changed:
            continue
        codec = _foreign_codec(path)
        if codec:
            shown = os.path.relpath(path, _GUARD.top)
            why = "%s is read through the codec %r, which Python does not ship (one this run registered): outside this run the module means something else or nothing; a module is read as its own text" % (shown, codec)
            items.append(_NeverRun.from_parent(module, name="loom-coding:%s" % shown, why=why))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session, config, items):
    if _GUARD is None:
        return
    _read_as_text(_MODULES, items)
    used = set()
    ran = set()
    for item in items:
        used.update(getattr(item, "fixturenames", ()))
        fn = _unwrap(getattr(item, "obj", None))
        if fn is not None:
            ran.add(id(fn))
    for module in _MODULES:
        if os.path.realpath(str(module.path)) not in _GUARD.changed:
            continue
        try:
            found = _never_run(module, ran, used)
        except Exception:  # a module pytest could not import has its own failure
            continue
        for name, why in found:
            items.append(_NeverRun.from_parent(module, name=name, why=why))


# Checked once a test is done (a hook put in place during its setup or call is found before
# its report can be written), and before the session's end writes the report.
def pytest_runtest_logreport(report):
    if _GUARD is not None and _GUARD.pm is not None and report.when == "teardown":
        _GUARD.check(_GUARD.pm)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_sessionfinish(session):
    if _GUARD is not None and _GUARD.pm is not None:
        _GUARD.check(_GUARD.pm)
    yield
