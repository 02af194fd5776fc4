// The ambient capabilities Python code reaches. Names are resolved through the file's
// scopes (module, functions, lambdas) to what they are bound to: an imported module or a
// member of one (import os as o, from os import environ as e), a builtin, or an alias of
// either (env = os.environ). A use is classified by the whole access at that point
// (os.environ['CI'], sys.modules, inspect.stack()). Reflection that could reach anything
// (__import__, getattr with a computed name on a module, eval, dunder walks such as
// __globals__ or __subclasses__) is a capability itself. Code under
// `if __name__ == "__main__":` runs only as a program, never under a test. Pure but for the parser.
import type { Capability, CapabilityUse, FileCapabilities } from './capabilities';
import { MAX_ANALYSED_BYTES } from './capabilitiesJs';
import { readTree, walk, type SyntaxNode } from './treeSitter';

type Chain = string[];
type Found = { capability: Capability; what: string };

const OS_ENV = new Set(['environ', 'environb', 'getenv', 'getenvb', 'putenv', 'unsetenv', 'getcwd', 'getcwdb', 'chdir', 'uname', 'getlogin', 'getpid', 'getppid', 'getuid', 'geteuid', 'getgid', 'getegid', 'getgroups', 'ctermid', 'ttyname', 'isatty', 'get_terminal_size']);
const OS_PROCESS = new Set(['_exit', 'abort', 'kill', 'killpg', 'system', 'popen', 'fork', 'forkpty', 'execl', 'execle', 'execlp', 'execlpe', 'execv', 'execve', 'execvp', 'execvpe', 'spawnl', 'spawnle', 'spawnlp', 'spawnlpe', 'spawnv', 'spawnve', 'spawnvp', 'spawnvpe', 'posix_spawn', 'posix_spawnp', 'register_at_fork']);
const SYS: Record<string, Capability> = {
  argv: 'arguments', orig_argv: 'arguments', executable: 'arguments', flags: 'arguments', _base_executable: 'arguments',
  _getframe: 'call stack', _current_frames: 'call stack', exc_info: 'call stack', exception: 'call stack', last_traceback: 'call stack', _current_exceptions: 'call stack',
  modules: 'process internals', meta_path: 'process internals', path_hooks: 'process internals', path_importer_cache: 'process internals', path: 'process internals', settrace: 'process internals', setprofile: 'process internals', gettrace: 'process internals', getprofile: 'process internals', addaudithook: 'process internals', audit: 'process internals', excepthook: 'process internals', displayhook: 'process internals', breakpointhook: 'process internals', exit: 'process internals', __stdout__: 'process internals', __stderr__: 'process internals', monitoring: 'process internals', _xoptions: 'arguments', unraisablehook: 'process internals', activate_stack_trampoline: 'process internals',
};
/** Modules any use of which is the capability. */
const MODULES: Record<string, Capability> = {
  inspect: 'call stack', traceback: 'call stack', faulthandler: 'call stack', tracemalloc: 'call stack',
  importlib: 'dynamic code', imp: 'dynamic code', runpy: 'dynamic code', zipimport: 'dynamic code', code: 'dynamic code', codeop: 'dynamic code', marshal: 'dynamic code', pkgutil: 'dynamic code',
  builtins: 'process internals', __builtin__: 'process internals', gc: 'process internals', ctypes: 'process internals', atexit: 'process internals', signal: 'process internals', site: 'process internals', sitecustomize: 'process internals', usercustomize: 'process internals', subprocess: 'process internals', multiprocessing: 'process internals', pty: 'process internals', resource: 'process internals', _thread: 'process internals',
  pytest: 'test runner', _pytest: 'test runner', unittest: 'test runner', doctest: 'test runner', pluggy: 'test runner', nose: 'test runner', nose2: 'test runner', hypothesis: 'test runner',
  pwd: 'environment', grp: 'environment', getpass: 'environment',
};
const MEMBERS: Record<string, Record<string, Capability>> = {
  platform: { node: 'environment', uname: 'environment' },
  socket: { gethostname: 'environment', getfqdn: 'environment', gethostbyname: 'environment' },
  types: { CodeType: 'dynamic code', FunctionType: 'dynamic code', ModuleType: 'dynamic code', FrameType: 'call stack', TracebackType: 'call stack' },
  shutil: { which: 'environment' },
  pathlib: {},
};
/** Builtins that reach anything, or build code. */
const BUILTINS: Record<string, Found> = {
  __import__: { capability: 'dynamic code', what: '__import__' },
  eval: { capability: 'dynamic code', what: 'eval' },
  exec: { capability: 'dynamic code', what: 'exec' },
  compile: { capability: 'dynamic code', what: 'compile' },
  globals: { capability: 'process internals', what: 'globals()' },
  locals: { capability: 'call stack', what: 'locals()' },
  vars: { capability: 'process internals', what: 'vars()' },
  breakpoint: { capability: 'process internals', what: 'breakpoint()' },
  __builtins__: { capability: 'process internals', what: '__builtins__' },
  __loader__: { capability: 'process internals', what: '__loader__' },
  __spec__: { capability: 'process internals', what: '__spec__' },
  exit: { capability: 'process internals', what: 'exit()' },
  quit: { capability: 'process internals', what: 'quit()' },
};
/** Attributes that walk from any object into the interpreter: frames, globals, code, every class. */
const DUNDERS: Record<string, Capability> = {
  __globals__: 'process internals', __code__: 'source files', __closure__: 'process internals', __subclasses__: 'process internals', __builtins__: 'process internals', __mro__: 'process internals', __bases__: 'process internals', __base__: 'process internals',
  f_back: 'call stack', f_globals: 'call stack', f_locals: 'call stack', f_code: 'call stack', f_builtins: 'call stack', tb_frame: 'call stack', tb_next: 'call stack', __traceback__: 'call stack', gi_frame: 'call stack', cr_frame: 'call stack', ag_frame: 'call stack', co_code: 'source files', co_filename: 'source files', __loader__: 'process internals', __spec__: 'process internals',
};

const shown = (chain: Chain) => chain.join('.').replace(/^module:/, '');

const unquote = (n: SyntaxNode): string | undefined => {
  if (n.type !== 'string') return undefined;
  if (n.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  return n.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
};

function classify(chain: Chain, use: 'read' | 'call' | 'write' | 'value'): Found | undefined {
  const [root, ...rest] = chain;
  if (!root) return undefined;
  if (!root.startsWith('module:')) {
    const b = BUILTINS[root];
    if (b && (root !== 'vars' || use === 'call')) return b;
    if ((root === 'getattr' || root === 'setattr' || root === 'delattr') && rest.length) return undefined;
    return undefined;
  }
  const dotted = [...root.slice(7).split('.'), ...rest];
  const [mod, first, second] = dotted;
  const what = dotted.join('.');
  if (!mod) return undefined;
  if (use === 'write' && dotted.length > 1) return { capability: MODULES[mod] === 'test runner' ? 'test runner' : 'process internals', what: `${what} = (rewrites a module it does not own)` };
  if (first === '[computed]') return { capability: 'process internals', what: `${mod}.<computed name>` };
  if (mod === 'logging' && (first === 'root' || first === 'Logger') && second !== undefined && ['handlers', 'manager'].includes(rest[1] ?? second)) return { capability: 'environment', what };
  if (mod === 'os') {
    if (first === 'path' || first === undefined) return first === undefined && use === 'value' ? { capability: 'process internals', what: 'os (handed on whole)' } : undefined;
    if (OS_ENV.has(first)) return { capability: 'environment', what };
    if (OS_PROCESS.has(first)) return { capability: 'process internals', what };
    return undefined;
  }
  if (mod === 'sys') {
    if (first === undefined) return use === 'value' ? { capability: 'process internals', what: 'sys (handed on whole)' } : undefined;
    // Writing to the standard streams is output; looking at them (a terminal? captured?) is the environment.
    if (['stdin', 'stdout', 'stderr', '__stdin__'].includes(first)) return first === 'stdin' || first === '__stdin__' || use === 'value' || (second !== undefined && !['write', 'flush', 'writelines', 'buffer'].includes(second)) ? { capability: 'environment', what } : undefined;
    const c = SYS[first];
    return c ? { capability: c, what } : undefined;
  }
  const whole = MODULES[mod];
  if (whole) return { capability: whole, what };
  const member = first ? MEMBERS[mod]?.[first] : undefined;
  if (member) return { capability: member, what };
  if (second === undefined && first === undefined && use === 'value') return undefined;
  return undefined;
}

interface Scope {
  node: SyntaxNode;
  parent?: Scope;
  names: Map<string, SyntaxNode | 'import' | 'local'>;
  imports: Map<string, Chain>;
}

const SCOPES = new Set(['module', 'function_definition', 'lambda']);

/** The capabilities a Python file reaches, every use with its line. */
export async function pythonCapabilities(path: string, code: string): Promise<FileCapabilities> {
  const r = await readTree('python', code, MAX_ANALYSED_BYTES, (root) => analyse(path, root));
  return 'unreadable' in r ? { uses: [], unreadable: r.unreadable } : { uses: r.value };
}

function analyse(path: string, root: SyntaxNode): CapabilityUse[] {
  const scopes = new Map<number, Scope>();
  const scopeOf = (n: SyntaxNode): Scope => {
    let p: SyntaxNode | null = n.parent;
    while (p && !SCOPES.has(p.type)) p = p.parent;
    return scopes.get((p ?? root).id)!;
  };
  // Scopes first, then what each binds.
  for (const n of walk(root)) {
    if (SCOPES.has(n.type)) scopes.set(n.id, { node: n, names: new Map(), imports: new Map() });
  }
  for (const s of scopes.values()) {
    let p = s.node.parent;
    while (p && !SCOPES.has(p.type)) p = p.parent;
    s.parent = p ? scopes.get(p.id) : undefined;
  }
  const bindTarget = (target: SyntaxNode | null, value: SyntaxNode | 'local') => {
    if (!target) return;
    const scope = scopeOf(target);
    if (target.type === 'identifier') scope.names.set(target.text, value);
    else if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern' || target.type === 'tuple' || target.type === 'list') for (const c of target.namedChildren) bindTarget(c, 'local');
  };
  for (const n of walk(root)) {
    if (n.type === 'import_statement') {
      for (const c of n.namedChildren) {
        if (!c) continue;
        if (c.type === 'dotted_name') scopeOf(n).imports.set(c.text.split('.')[0]!, [`module:${c.text.split('.')[0]}`]);
        if (c.type === 'aliased_import') scopeOf(n).imports.set(c.childForFieldName('alias')!.text, [`module:${c.childForFieldName('name')!.text}`]);
      }
    } else if (n.type === 'import_from_statement') {
      const mod = n.childForFieldName('module_name');
      if (!mod || mod.type === 'relative_import') continue;
      for (const c of n.childrenForFieldName('name')) {
        if (!c) continue;
        if (c.type === 'dotted_name') scopeOf(n).imports.set(c.text, [`module:${mod.text}`, c.text]);
        if (c.type === 'aliased_import') scopeOf(n).imports.set(c.childForFieldName('alias')!.text, [`module:${mod.text}`, c.childForFieldName('name')!.text]);
      }
      if (n.namedChildren.some((c) => c?.type === 'wildcard_import')) scopeOf(n).imports.set(`*${mod.text}`, [`module:${mod.text}`]);
    } else if (n.type === 'assignment') {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (left?.type === 'identifier' && right) bindTarget(left, right);
      else bindTarget(left, 'local');
    } else if (n.type === 'for_statement' || n.type === 'for_in_clause') bindTarget(n.childForFieldName('left'), 'local');
    else if (n.type === 'named_expression') bindTarget(n.childForFieldName('name'), n.childForFieldName('value') ?? 'local');
    else if (n.type === 'function_definition' || n.type === 'class_definition') {
      const name = n.childForFieldName('name');
      if (name) scopeOf(n).names.set(name.text, 'local');
      if (n.type === 'function_definition') {
        const own = scopes.get(n.id)!;
        for (const p of n.childForFieldName('parameters')?.namedChildren ?? []) {
          const id = p?.type === 'identifier' ? p : p?.namedChildren.find((c) => c?.type === 'identifier');
          if (id) own.names.set(id.text, 'local');
        }
      }
    } else if (n.type === 'as_pattern') {
      const alias = n.childForFieldName('alias');
      const id = alias?.namedChildren.find((c) => c?.type === 'identifier') ?? (alias?.type === 'identifier' ? alias : undefined);
      if (id) scopeOf(n).names.set(id.text, 'local');
    }
  }

  const resolving = new Set<number>();
  const lookup = (name: string, scope: Scope | undefined): Chain | undefined => {
    for (let s = scope; s; s = s.parent) {
      const imp = s.imports.get(name);
      if (imp) return imp;
      const v = s.names.get(name);
      if (v === 'local' || v === 'import') return undefined;
      if (v) {
        if (resolving.has(v.id)) return undefined;
        resolving.add(v.id);
        try {
          return resolve(v);
        } finally {
          resolving.delete(v.id);
        }
      }
      // from os import *: any name might be one of the module's.
      for (const [k, c] of s.imports) if (k.startsWith('*') && classify([...c, name], 'read')) return [...c, name];
    }
    return BUILTINS[name] || name === 'getattr' || name === 'setattr' || name === 'delattr' || name === 'open' ? [name] : undefined;
  };
  const resolve = (n: SyntaxNode): Chain | undefined => {
    switch (n.type) {
      case 'identifier':
        return lookup(n.text, scopeOf(n));
      case 'attribute': {
        const base = resolve(n.childForFieldName('object')!);
        return base ? [...base, n.childForFieldName('attribute')!.text] : undefined;
      }
      case 'subscript': {
        const base = resolve(n.childForFieldName('value')!);
        const key = n.childForFieldName('subscript');
        return base ? [...base, (key && unquote(key)) ?? '[computed]'] : undefined;
      }
      case 'parenthesized_expression':
        return n.namedChildren[0] ? resolve(n.namedChildren[0]) : undefined;
      case 'call': {
        const fn = n.childForFieldName('function');
        const args = n.childForFieldName('arguments')?.namedChildren ?? [];
        const f = fn ? resolve(fn) : undefined;
        if (f?.[0] === '__import__' || (f?.[0] === 'module:importlib' && f[1] === 'import_module')) {
          const name = args[0] ? unquote(args[0]) : undefined;
          return name ? [`module:${name}`] : undefined;
        }
        if (f?.[0] === 'getattr' && args[0]) {
          const base = resolve(args[0]);
          const name = args[1] ? unquote(args[1]) : undefined;
          return base ? [...base, name ?? '[computed]'] : undefined;
        }
        return undefined;
      }
      default:
        return undefined;
    }
  };

  const mainBlocks = [...walk(root)].filter((n) => n.type === 'if_statement' && /^__name__\s*==\s*['"]__main__['"]$|^['"]__main__['"]\s*==\s*__name__$/.test(n.childForFieldName('condition')?.text.trim() ?? ''));
  const inMain = (n: SyntaxNode) => mainBlocks.some((m) => n.startIndex >= m.startIndex && n.endIndex <= m.endIndex);

  const uses: CapabilityUse[] = [];
  const seen = new Set<number>();
  const add = (n: SyntaxNode, f: Found | undefined) => {
    if (f && !inMain(n)) uses.push({ ...f, file: path, line: n.startPosition.row + 1 });
  };
  for (const n of walk(root)) {
    if (n.type === 'attribute') {
      const attr = n.childForFieldName('attribute')!.text;
      const d = DUNDERS[attr];
      if (d) add(n, { capability: d, what: `.${attr}` });
      if (attr === '__class__' && n.parent?.type === 'assignment' && n.parent.childForFieldName('left')?.id === n.id) add(n, { capability: 'process internals', what: '__class__ =' });
      if (attr === '__dict__' && n.parent?.type !== 'attribute') {
        const base = resolve(n.childForFieldName('object')!);
        if (base) add(n, { capability: 'process internals', what: `${shown(base)}.__dict__` });
      }
    }
    if (n.type === 'string' && (unquote(n) ?? '').startsWith('/proc/')) add(n, { capability: 'process internals', what: `'${unquote(n)!.slice(0, 40)}' (the process table)` });
    if (n.type === 'attribute' && n.childForFieldName('attribute')?.text === 'handlers' && /\b(?:logging|getLogger)\b/.test(n.childForFieldName('object')?.text ?? '')) add(n, { capability: 'environment', what: `${n.text.slice(0, 60)} (who captures the logs)` });
    if (n.type === 'call') {
      const fn = n.childForFieldName('function');
      const f = fn ? resolve(fn) : undefined;
      const args = n.childForFieldName('arguments')?.namedChildren ?? [];
      // A file looked for relative to the working folder: what a test run's folder holds.
      const path0 = args[0] ? unquote(args[0]) : undefined;
      const probe = f && ((f[0] === 'open' && f.length === 1) || (f[0] === 'module:os' && ['stat', 'lstat', 'listdir', 'scandir', 'access'].includes(f[1] ?? '')) || (f[0] === 'module:os' && f[1] === 'path' && ['exists', 'isfile', 'isdir', 'getsize'].includes(f[2] ?? '')));
      if (probe && path0 !== undefined && path0 !== '' && !path0.startsWith('/')) add(n, { capability: 'environment', what: `${shown(f!)}('${path0}') (relative to the working folder)` });
      if ((f?.[0] === 'getattr' || f?.[0] === 'setattr' || f?.[0] === 'delattr') && args[0]) {
        const target = resolve(args[0]);
        const name = args[1] ? unquote(args[1]) : undefined;
        if (target && name === undefined) add(n, { capability: 'process internals', what: `${f[0]}(${shown(target)}, <computed name>)` });
        else if (target && f[0] !== 'getattr') add(n, classify([...target, name!], 'write'));
        if (name && DUNDERS[name]) add(n, { capability: DUNDERS[name]!, what: `${f[0]}(..., '${name}')` });
      }
    }
    // The runner or a test library imported into code under test at all.
    if (n.type === 'import_statement' || n.type === 'import_from_statement') {
      const mods = n.type === 'import_from_statement' ? [n.childForFieldName('module_name')?.text ?? ''] : n.namedChildren.map((c) => (c?.type === 'aliased_import' ? c.childForFieldName('name')!.text : c?.text ?? ''));
      for (const m of mods) if (MODULES[m.split('.')[0]!] === 'test runner') add(n, { capability: 'test runner', what: `import of ${m}` });
    }
    // The whole access a name (or a reflective call: getattr, __import__) starts.
    const rootCall = n.type === 'call' && ['getattr', '__import__', 'module:importlib'].includes(resolve(n.childForFieldName('function')!)?.[0] ?? '');
    if (!rootCall && (n.type !== 'identifier' || !isReference(n))) continue;
    let outer = n;
    for (;;) {
      const p = outer.parent;
      if (p && p.type === 'attribute' && p.childForFieldName('object')?.id === outer.id) outer = p;
      else if (p && p.type === 'subscript' && p.childForFieldName('value')?.id === outer.id) outer = p;
      else if (p && p.type === 'parenthesized_expression') outer = p;
      else break;
    }
    if (seen.has(outer.id)) continue;
    seen.add(outer.id);
    const chain = resolve(outer);
    if (!chain) continue;
    add(outer, classify(chain, usageOf(outer)));
  }
  return uses;
}

/** An identifier that refers to a value (not a name being defined, an attribute's name, or a keyword). */
function isReference(n: SyntaxNode): boolean {
  const p = n.parent;
  if (!p) return false;
  if (p.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id) return false;
  if (p.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id) return false;
  if ((p.type === 'function_definition' || p.type === 'class_definition') && p.childForFieldName('name')?.id === n.id) return false;
  if (p.type === 'parameters' || p.type === 'default_parameter' || p.type === 'typed_parameter' || p.type === 'typed_default_parameter' || p.type === 'lambda_parameters') return false;
  if (p.type === 'dotted_name' || p.type === 'aliased_import' || p.type === 'import_from_statement' || p.type === 'import_statement') return false;
  if (p.type === 'assignment' && p.childForFieldName('left')?.id === n.id) return false;
  if (p.type === 'global_statement' || p.type === 'nonlocal_statement') return false;
  return true;
}

function usageOf(outer: SyntaxNode): 'read' | 'call' | 'write' | 'value' {
  const p = outer.parent;
  if (!p) return 'read';
  if (p.type === 'call' && p.childForFieldName('function')?.id === outer.id) return 'call';
  if ((p.type === 'assignment' || p.type === 'augmented_assignment') && p.childForFieldName('left')?.id === outer.id) return 'write';
  if (p.type === 'delete_statement' || (p.type === 'expression_list' && p.parent?.type === 'delete_statement')) return 'write';
  // print(..., file=sys.stderr) hands a stream on to write to; a positional argument may be inspected.
  if (p.type === 'keyword_argument' && p.childForFieldName('name')?.text === 'file') return 'read';
  if (p.type === 'argument_list' || p.type === 'list' || p.type === 'tuple' || p.type === 'pair' || p.type === 'return_statement' || p.type === 'set' || p.type === 'keyword_argument') return 'value';
  return 'read';
}
