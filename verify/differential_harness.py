# Loom's differential harness for Python, run in a verification container as the Lab user:
# imports each target function from a tree (the base's or the Lab's), calls it with each
# input in turn until it has answered at least min_calls times, and writes one canonical
# string per answer. argv: the spec file (root, targets, minCalls), the answers file.
import copy
import importlib
import inspect
import json
import math
import os
import select
import signal
import sys
import time

# An integer past 2^53 comes as its digits ({"$bigint": "..."}), and is given as an int; a
# tuple comes as {"$tuple": [...]}, and is given as a tuple.
def _literal(d):
    if list(d) == ["$bigint"]:
        return int(d["$bigint"])
    if list(d) == ["$tuple"] and isinstance(d["$tuple"], list):
        return tuple(d["$tuple"])
    return d


spec = json.load(open(sys.argv[1]), object_hook=_literal)
root = spec["root"]
for extra in ("lib", "src", ""):
    path = os.path.join(root, extra) if extra else root
    if os.path.isdir(path):
        sys.path.insert(0, path)


def module_name(file):
    parts = file[:-3].split("/")
    if parts and parts[0] in ("src", "lib") and not os.path.exists(os.path.join(root, parts[0], "__init__.py")):
        parts = parts[1:]
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def canon(v, depth=0):
    if depth > 6:
        return "..."
    if v is None or isinstance(v, bool):
        return repr(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if v == 0 and math.copysign(1, v) < 0:
            return "-0.0"
        return repr(v)
    if isinstance(v, (int, str, bytes)):
        return repr(v)
    if isinstance(v, (list, tuple)):
        inner = ",".join(canon(x, depth + 1) for x in v)
        return ("[%s]" if isinstance(v, list) else "(%s)") % inner
    if isinstance(v, dict):
        return "{%s}" % ",".join(sorted("%s:%s" % (canon(k, depth + 1), canon(x, depth + 1)) for k, x in v.items()))
    if isinstance(v, (set, frozenset)):
        return "set{%s}" % ",".join(sorted(canon(x, depth + 1) for x in v))
    if isinstance(v, BaseException):
        return "%s(%r)" % (type(v).__name__, str(v))
    if hasattr(v, "__dict__"):
        return "%s%s" % (type(v).__name__, canon(vars(v), depth + 1))
    return type(v).__name__


def plain(v, depth=0):
    # An answer as a plain value (JSON), for the task's examples: tuples and sets as lists, dicts with text keys.
    if depth > 8 or v is None:
        return None
    if isinstance(v, bool) or isinstance(v, str):
        return v
    if isinstance(v, int) and abs(v) > 2 ** 53:
        # JSON's numbers lose digits past 2^53: a big integer keeps them as text.
        return {"$bigint": str(v)}
    if isinstance(v, (int, float)):
        return v if isinstance(v, int) or math.isfinite(v) else repr(v)
    if isinstance(v, bytes):
        return repr(v)
    if isinstance(v, (list, tuple)):
        return [plain(x, depth + 1) for x in v]
    if isinstance(v, (set, frozenset)):
        return sorted((plain(x, depth + 1) for x in v), key=repr)
    if isinstance(v, dict):
        return {str(k): plain(x, depth + 1) for k, x in v.items()}
    if isinstance(v, BaseException):
        return {"error": str(v)}
    if hasattr(v, "__dict__"):
        return plain(vars(v), depth + 1)
    return repr(v)


def lines_run(fn, args, path, added):
    # The added lines of `path` that one call runs (verify/specialPaths.ts), by line events.
    ran = set()

    def local(frame, event, arg):
        if event == "line" and frame.f_lineno in added:
            ran.add(frame.f_lineno)
        return local

    def tracer(frame, event, arg):
        return local if frame.f_code.co_filename in path else None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        return fn(*args), sorted(ran), None
    except BaseException as err:  # noqa: BLE001 - an exception is an answer too
        return None, sorted(ran), err
    finally:
        sys.settrace(previous)


def changed_arguments(given, args):
    # What a call did to the arguments it was given is part of its answer: a caller sees it.
    left = canon(args)
    return "" if left == given else ", leaving its arguments %s" % left


def call_order(n, min_calls):
    # Every input once, then each twice in a row, then revisits by a fixed generator (mirrors the JavaScript harness).
    order = list(range(n))
    for i in range(n):
        order += [i, i]
    x = 12345
    while len(order) < min_calls:
        x = (x * 1103515245 + 12345) % 2147483648
        order.append(x % n)
    return order


# Taken before any project code is imported, which could replace time.monotonic.
monotonic = time.monotonic
overlap_started = monotonic()

def target_function(t):
    """The target's module and function, or why there is none."""
    try:
        mod = importlib.import_module(module_name(t["file"]))
    except BaseException as err:  # noqa: BLE001 - any failure to load is the answer
        return None, None, "could not load %s: %s" % (t["file"], str(err).splitlines()[0] if str(err) else type(err).__name__)
    fn = getattr(mod, t["name"], None)
    if not callable(fn):
        return mod, None, "%s is not a function of %s" % (t["name"], t["file"])
    return mod, fn, None


FORK_ASKS = 16


def answered(fn, args, kwargs=None):
    """A call's canonical answer, or what it raised."""
    try:
        return canon(fn(*args, **(kwargs or {})))
    except BaseException as err:  # noqa: BLE001 - an exception is an answer too
        return "raises %s" % type(err).__name__


def answer_of(fn, args, then=()):
    """A call's answer, its example's methods called on it (.isoformat())."""
    r = fn(*args)
    for m in then:
        r = getattr(r, m)()
    return r


out = []
# The time spent calling across tested ranges, shared by every target of this run.
across_spent = 0.0
# Under LOOM_DIFFERENTIAL_PAIRS, each input is asked right after each input of every other
# target: an answer that holds only before (or after) another function was called (shared
# defaults one call writes) is wrong for some caller.
every_call = []
if os.environ.get("LOOM_DIFFERENTIAL_PAIRS"):
    for t in spec["targets"]:
        fn = target_function(t)[1]
        if fn is not None:
            every_call += [(t, fn, args) for args in t["inputs"]]
for t in spec["targets"]:
    mod, fn, why = target_function(t)
    if fn is None:
        out.append({"file": t["file"], "name": t["name"], "answers": [], "error": why})
        continue
    if os.environ.get("LOOM_DIFFERENTIAL_PAIRS"):
        others = [c for c in every_call if c[0] is not t] or [None]
        values = []
        order = []
        for i, args in enumerate(t["inputs"]):
            for o in others:
                if o is not None:
                    try:
                        o[1](*copy.deepcopy(o[2]))
                    except BaseException:  # noqa: BLE001 - only what it leaves behind matters
                        pass
                try:
                    values.append({"value": plain(answer_of(fn, copy.deepcopy(args), (t.get("then") or [[]] * (i + 1))[i]))})
                except BaseException as err:  # noqa: BLE001 - an exception is an answer too
                    values.append({"throws": type(err).__name__})
                order.append(i)
        out.append({"file": t["file"], "name": t["name"], "answers": [], "order": order, "values": values})
        continue
    if os.environ.get("LOOM_DIFFERENTIAL_FORK"):
        # Every input, FORK_ASKS times, in a process forked from this one, then here, from the
        # same state, as the workers a preloading server forks: `alone` is the child's answers.
        # So many draws that two honest generators agree on all of them by chance almost never.
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            try:
                data = json.dumps([answered(fn, copy.deepcopy(args)) for _ in range(FORK_ASKS) for args in t["inputs"]]).encode()
                while data:
                    data = data[os.write(write_end, data):]
            finally:
                os._exit(0)
        os.close(write_end)
        chunks = []
        deadline = monotonic() + 20
        while True:
            left = deadline - monotonic()
            if left <= 0 or not select.select([read_end], [], [], left)[0]:
                os.kill(pid, signal.SIGKILL)
                break
            chunk = os.read(read_end, 65536)
            if not chunk:
                break
            chunks.append(chunk)
        os.close(read_end)
        os.waitpid(pid, 0)
        try:
            alone = json.loads(b"".join(chunks).decode())
        except ValueError:
            out.append({"file": t["file"], "name": t["name"], "answers": [], "error": "the forked process answered nothing"})
            continue
        answers = [answered(fn, copy.deepcopy(args)) for _ in range(FORK_ASKS) for args in t["inputs"]]
        out.append({"file": t["file"], "name": t["name"], "answers": answers, "alone": alone, "order": list(range(len(t["inputs"]))) * FORK_ASKS})
        continue
    if os.environ.get("LOOM_DIFFERENTIAL_BY_NAME"):
        # Every input given by position, then the same values by their parameters' names, as a
        # Python caller may: the function must not answer the two apart (a memo keyed on the
        # keywords' names alone does). An input that cannot be given by name answers nothing.
        try:
            params = list(inspect.signature(fn).parameters.values())
        except (TypeError, ValueError):
            params = None

        def named(args):
            if params is None or len(args) > len(params) or any(p.kind != p.POSITIONAL_OR_KEYWORD for p in params[: len(args)]):
                return None
            return {p.name: a for p, a in zip(params, args)}

        alone = [answered(fn, copy.deepcopy(args)) for args in t["inputs"]]
        by_name = [answered(fn, [], named(copy.deepcopy(args))) if named(args) is not None else None for args in t["inputs"]]
        out.append({"file": t["file"], "name": t["name"], "answers": [a if a is not None else "<not by name>" for a in by_name], "alone": alone, "order": list(range(len(alone)))})
        continue
    if os.environ.get("LOOM_DIFFERENTIAL_OVERLAP"):
        # Every input once, each call on a thread of its own pool, several at once, as a
        # threaded server's requests are. A call still running after 20 s answers nothing.
        from concurrent.futures import ThreadPoolExecutor, TimeoutError as FuturesTimeout

        # First one at a time on this thread, twice, then all at once: what earlier calls
        # (another target's) left behind is the same for each, and answers that change when
        # asked again (a random draw, a counter) show it.
        alone = [answered(fn, copy.deepcopy(args)) for _ in range(2) for args in t["inputs"]]
        pool = ThreadPoolExecutor(max_workers=min(8, max(1, len(t["inputs"]))))
        futures = [pool.submit(answered, fn, copy.deepcopy(args)) for args in t["inputs"]]
        try:
            answers = [f.result(timeout=max(0.0, 20 - (monotonic() - overlap_started))) for f in futures]
            out.append({"file": t["file"], "name": t["name"], "answers": answers, "alone": alone, "order": list(range(len(answers)))})
        except FuturesTimeout:
            out.append({"file": t["file"], "name": t["name"], "answers": [], "error": "the calls did not all finish within 20 s"})
        pool.shutdown(wait=False)
        continue
    answers = []
    values = []
    paths = []
    added = set(line for _, _, line in t.get("added") or [])
    path = {getattr(mod, "__file__", "") or "", os.path.realpath(getattr(mod, "__file__", "") or "")}
    order = call_order(len(t["inputs"]), spec["minCalls"])
    for k, i in enumerate(order):
        args = copy.deepcopy(t["inputs"][i])
        given = canon(args)
        try:
            # The first two rounds (call_order): what the second calls run shows code that runs on state.
            if added and k < 3 * len(t["inputs"]):
                r, ran, failed = lines_run(fn, args, path, added)
                paths.append([[line, line + 1] for line in ran])
                if failed is not None:
                    raise failed
            else:
                # An example may ask its answer's own methods, as the task writes it: .isoformat().
                r = answer_of(fn, args, (t.get("then") or [[]] * (i + 1))[i])
            answers.append(canon(r) + changed_arguments(given, args))
            if t.get("values"):
                values.append({"value": plain(r)})
        except BaseException as err:  # noqa: BLE001 - an exception is an answer too
            answers.append("raises %s" % type(err).__name__ + changed_arguments(given, args))
            if t.get("values"):
                values.append({"throws": type(err).__name__})
        # A program's arguments are made for its call and gone after it, so the next call's may
        # take their place in memory: code keyed on an argument's id() sees it as the same one.
        args = r = None
    # Then each input across the tested range once, for as long as the budget allows.
    started = monotonic()
    budget = spec.get("acrossBudgetMs", 10000) / 1000
    for g in t.get("across") or []:
        if across_spent + monotonic() - started > budget:
            break
        for v in g["values"]:
            if across_spent + monotonic() - started > budget:
                break
            args = copy.deepcopy(g["args"])
            args[g["position"]] = v
            try:
                answers.append(canon(fn(*args)))
            except BaseException as err:  # noqa: BLE001 - an exception is an answer too
                answers.append("raises %s" % type(err).__name__)
    across_spent += monotonic() - started
    entry = {"file": t["file"], "name": t["name"], "answers": answers, "order": order}
    if t.get("values"):
        entry["values"] = values
    if added:
        entry["paths"] = paths
    out.append(entry)
with open(sys.argv[2], "w") as f:
    json.dump(out, f)
# A call still running on a thread does not hold the process open.
os._exit(0)
