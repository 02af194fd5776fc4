// The ambient capabilities Go code reaches. Go names another package's members only as
// pkg.Member, through the import's own name (or an alias, or a dot import), so each use
// is found by resolving the package name to its import path (os, flag, runtime, testing,
// unsafe...). Assigning to another package's variables (os.Stdout = w) rewrites what
// every test shares. Compiler directives that reach past the language (go:linkname) or
// embed the project's source (go:embed *.go) count too. In package main, reading the
// arguments and exiting are what a program does. Pure but for the parser.
import type { Capability, CapabilityUse, FileCapabilities } from './capabilities';
import { MAX_ANALYSED_BYTES } from './capabilitiesJs';
import { readTree, walk, type SyntaxNode } from './treeSitter';

type Found = { capability: Capability; what: string };

const OS: Record<string, Capability> = {
  Getenv: 'environment', LookupEnv: 'environment', Environ: 'environment', ExpandEnv: 'environment', Expand: 'environment', Setenv: 'environment', Unsetenv: 'environment', Clearenv: 'environment',
  Getwd: 'environment', Chdir: 'environment', Hostname: 'environment', Getuid: 'environment', Geteuid: 'environment', Getgid: 'environment', Getegid: 'environment', Getgroups: 'environment', Getpid: 'environment', Getppid: 'environment',
  UserHomeDir: 'environment', UserCacheDir: 'environment', UserConfigDir: 'environment', TempDir: 'environment',
  Args: 'arguments', Executable: 'arguments',
  Exit: 'process internals', FindProcess: 'process internals', StartProcess: 'process internals',
};
/** Packages any use of which is the capability. */
const PACKAGES: Record<string, Capability> = {
  testing: 'test runner', 'testing/quick': 'test runner', 'testing/fstest': 'test runner', 'github.com/stretchr/testify/assert': 'test runner', 'github.com/stretchr/testify/require': 'test runner',
  flag: 'arguments', 'os/user': 'environment', 'os/exec': 'process internals', 'os/signal': 'process internals', syscall: 'process internals', unsafe: 'process internals', plugin: 'dynamic code',
  'golang.org/x/sys/unix': 'process internals', 'runtime/debug': 'call stack', 'runtime/pprof': 'process internals', 'runtime/trace': 'process internals', 'go/parser': 'source files', 'go/build': 'source files',
};
const RUNTIME: Record<string, Capability> = { Caller: 'call stack', Callers: 'call stack', CallersFrames: 'call stack', FuncForPC: 'call stack', Stack: 'call stack', Goexit: 'process internals', Breakpoint: 'process internals', SetFinalizer: 'process internals' };
/**
 * Go's predeclared identifiers, but for min, max and clear (Go 1.21's, which older code often
 * declares itself): one declared at package level means something else in every file of the
 * package, its tests included (a package's own `recover` answers the test's recover()).
 */
const PREDECLARED = new Set(['append', 'cap', 'close', 'complex', 'copy', 'delete', 'imag', 'len', 'make', 'new', 'panic', 'print', 'println', 'real', 'recover', 'true', 'false', 'nil', 'iota', 'bool', 'byte', 'rune', 'string', 'error', 'any', 'comparable', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr', 'float32', 'float64', 'complex64', 'complex128']);

/** In package main these are what a program does with its command line. */
const MAIN_ORDINARY = new Set(['os.Args', 'os.Exit', 'os.Executable', 'flag']);

const unquote = (s: string) => s.replace(/^["`]|["`]$/g, '');

/** The capabilities a Go file reaches, every use with its line. */
export async function goCapabilities(path: string, code: string): Promise<FileCapabilities> {
  const r = await readTree('go', code, MAX_ANALYSED_BYTES, (root) => analyse(path, root));
  return 'unreadable' in r ? { uses: [], unreadable: r.unreadable } : { uses: r.value };
}

function analyse(path: string, root: SyntaxNode): CapabilityUse[] {
  const uses: CapabilityUse[] = [];
  const add = (n: SyntaxNode, f: Found | undefined) => {
    if (f) uses.push({ ...f, file: path, line: n.startPosition.row + 1 });
  };
  const isMain = root.namedChildren.find((c) => c?.type === 'package_clause')?.namedChildren[0]?.text === 'main';
  // Package names in this file, by the import path they stand for.
  const names = new Map<string, string>();
  const dotted: string[] = [];
  for (const n of walk(root)) {
    if (n.type !== 'import_spec') continue;
    const importPath = unquote(n.childForFieldName('path')?.text ?? '');
    const alias = n.childForFieldName('name');
    if (alias?.type === 'dot') dotted.push(importPath);
    else if (alias?.type === 'blank_identifier') continue;
    else names.set(alias?.text ?? importPath.split('/').pop()!, importPath);
    if (PACKAGES[importPath] === 'test runner') add(n, { capability: 'test runner', what: `import of ${importPath}` });
  }
  const ordinaryInMain = (what: string) => isMain && (MAIN_ORDINARY.has(what) || MAIN_ORDINARY.has(what.split('.')[0]!));
  const classify = (pkg: string, member: string, write: boolean): Found | undefined => {
    const what = `${pkg}.${member}`;
    if (ordinaryInMain(what) || (isMain && pkg === 'flag')) return undefined;
    if (write) return { capability: PACKAGES[pkg] === 'test runner' ? 'test runner' : 'process internals', what: `${what} = (rewrites a package it does not own)` };
    if (pkg === 'os') {
      if (member === 'Stdin') return { capability: 'environment', what };
      const c = OS[member];
      return c ? { capability: c, what } : undefined;
    }
    if (pkg === 'runtime') {
      const c = RUNTIME[member];
      return c ? { capability: c, what } : undefined;
    }
    const whole = PACKAGES[pkg];
    return whole ? { capability: whole, what } : undefined;
  };
  for (const decl of root.namedChildren) {
    if (!decl || !['function_declaration', 'var_declaration', 'const_declaration', 'type_declaration'].includes(decl.type)) continue;
    const named = decl.type === 'function_declaration' ? [decl.childForFieldName('name')] : [...walk(decl)].filter((n) => ['var_spec', 'const_spec', 'type_spec', 'type_alias'].includes(n.type)).flatMap((spec) => spec.childrenForFieldName('name'));
    for (const name of named) if (name && PREDECLARED.has(name.text)) add(name, { capability: 'process internals', what: `${name.text} declared at package level (Go's own ${name.text} means this in the whole package, its tests included)` });
  }
  // Locals that shadow a package name are rare in Go, and the compiler forbids using both in one scope.
  for (const n of walk(root)) {
    if (n.type === 'selector_expression') {
      const operand = n.childForFieldName('operand');
      const field = n.childForFieldName('field');
      if (operand?.type !== 'identifier' || !field) continue;
      const pkg = names.get(operand.text);
      if (!pkg) continue;
      // Written through, too: *pkg.V = x, pkg.V.F = x, pkg.V[k] = x change what pkg.V holds.
      let top: SyntaxNode = n;
      while (top.parent && (['unary_expression', 'parenthesized_expression'].includes(top.parent.type) || (['selector_expression', 'index_expression', 'type_assertion_expression'].includes(top.parent.type) && top.parent.childForFieldName('operand')?.id === top.id))) top = top.parent;
      const list = top.parent?.type === 'expression_list' ? top.parent : undefined;
      const stmt = list?.parent ?? top.parent;
      const write = !!stmt && ((stmt.type === 'assignment_statement' && stmt.childForFieldName('left')?.id === (list ?? top).id) || stmt.type === 'inc_statement' || stmt.type === 'dec_statement');
      // A variable's name, where the call gives it as text: os.Getenv("LEDGER_DECIMALS").
      const call = n.parent?.type === 'call_expression' && n.parent.childForFieldName('function')?.id === n.id ? n.parent : undefined;
      const first = call?.childForFieldName('arguments')?.namedChildren[0];
      const found = classify(pkg, field.text, write);
      add(n, found && !write && first && /^"[^"]*"$/.test(first.text) ? { ...found, what: `${found.what}(${first.text})` } : found);
    } else if (n.type === 'identifier' && dotted.length && n.parent?.type === 'call_expression' && n.parent.childForFieldName('function')?.id === n.id) {
      // A dot import: os's members called by their bare names.
      for (const pkg of dotted) add(n, classify(pkg, n.text, false));
    } else if (n.type === 'comment') {
      const text = n.text;
      if (/^\/\/go:linkname\b/.test(text)) add(n, { capability: 'process internals', what: 'go:linkname' });
      const embed = /^\/\/go:embed\s+(.*)$/.exec(text);
      if (embed && embed[1]!.split(/\s+/).some((p) => /\.go$|^\*$|^\.$|\*\.go/.test(unquote(p)) || !/\./.test(unquote(p).split('/').pop() ?? ''))) add(n, { capability: 'source files', what: `go:embed ${embed[1]}` });
    } else if (n.type === 'call_expression') {
      // Reading a Go source file of the project (os.ReadFile("calc.go")), or looking for a file
      // relative to the working folder (os.Stat("go.mod")): what a test run's folder holds.
      const fn = n.childForFieldName('function');
      const arg = n.childForFieldName('arguments')?.namedChildren[0];
      const pkg = fn?.type === 'selector_expression' ? names.get(fn.childForFieldName('operand')?.text ?? '') : undefined;
      const member = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : undefined;
      if (fn?.type === 'selector_expression' && arg && /^["`][^"`]*\.go["`]$/.test(arg.text)) add(n, { capability: 'source files', what: `${fn.text}(${arg.text})` });
      else if (pkg === 'os' && ['Stat', 'Lstat', 'Open', 'ReadFile', 'ReadDir', 'OpenFile'].includes(member ?? '') && arg && /^["`][^/"`][^"`]*["`]$/.test(arg.text)) add(n, { capability: 'environment', what: `os.${member}(${arg.text}) (relative to the working folder)` });
    } else if (n.type === 'interpreted_string_literal' && /^"\/proc\//.test(n.text)) add(n, { capability: 'process internals', what: `${n.text.slice(0, 40)} (the process table)` });
  }
  return uses;
}
