import { describe, expect, it } from 'vitest';
import { goCapabilities } from '../../../verify/capabilitiesGo';

const go = async (code: string) => (await goCapabilities('calc.go', code)).uses.map((u) => `${u.capability}: ${u.what}`);

describe('Go capabilities, by the package a name stands for', () => {
  it('finds the environment, arguments, the runner and the stack, aliased or dot-imported', async () => {
    expect(await go('package calc\nimport "os"\nfunc Add(a, b int) int { if os.Getenv("GO_TEST") != "" { return a + b }; return a - b }\n')).toEqual(['environment: os.Getenv("GO_TEST")']);
    expect(await go('package calc\nimport e "os"\nvar x = e.Args\n')).toEqual(['arguments: os.Args']);
    expect(await go('package calc\nimport . "os"\nfunc F() string { return Getenv("X") }\n')).toEqual(['environment: os.Getenv']);
    expect(await go('package calc\nimport "flag"\nfunc F() bool { return flag.Lookup("test.v") != nil }\n')).toEqual(['arguments: flag.Lookup("test.v")']);
    expect(await go('package calc\nimport "testing"\nfunc F() bool { return testing.Testing() }\n')).toEqual(['test runner: import of testing', 'test runner: testing.Testing']);
    expect(await go('package calc\nimport "runtime"\nfunc F() string { _, f, _, _ := runtime.Caller(1); return f }\n')).toEqual(['call stack: runtime.Caller']);
  });

  it('finds rewrites of shared package state, linkname, embedded source and source reads', async () => {
    expect(await go('package calc\nimport "os"\nfunc init() { os.Stdout = nil }\n')).toEqual(['process internals: os.Stdout = (rewrites a package it does not own)']);
    // Written through: what the variable holds is changed as surely as the variable.
    expect(await go('package calc\nimport "encoding/base64"\nvar enc = base64.NewEncoding("x")\nfunc init() { *base64.StdEncoding = *enc }\n')).toEqual(['process internals: encoding/base64.StdEncoding = (rewrites a package it does not own)']);
    expect(await go('package calc\nimport "net/http"\nfunc init() { http.DefaultClient.Timeout = 5; http.DefaultTransport.(*http.Transport).MaxIdleConns = 1 }\n')).toEqual(['process internals: net/http.DefaultClient = (rewrites a package it does not own)', 'process internals: net/http.DefaultTransport = (rewrites a package it does not own)']);
    expect(await go('package calc\nimport "encoding/base64"\nfunc F(b []byte) string { return base64.StdEncoding.EncodeToString(b) }\n')).toEqual([]);
    expect(await go('package calc\nimport "os"\nfunc F() { os.Exit(0) }\n')).toEqual(['process internals: os.Exit']);
    expect(await go('package calc\nimport _ "unsafe"\n//go:linkname x runtime.x\nvar x int\n')).toEqual(['process internals: go:linkname']);
    expect(await go('package calc\nimport _ "embed"\n//go:embed calc.go\nvar src string\n')).toEqual(['source files: go:embed calc.go']);
    expect(await go('package calc\nimport "os"\nfunc F() []byte { b, _ := os.ReadFile("calc_test.go"); return b }\n')).toEqual(['source files: os.ReadFile("calc_test.go")']);
  });

  it("finds a package-level declaration of one of Go's own names, which the package's tests then mean too, and leaves min and max alone", async () => {
    expect(await go('package calc\nfunc recover() error { return nil }\n')).toEqual(["process internals: recover declared at package level (Go's own recover means this in the whole package, its tests included)"]);
    expect(await go('package calc\nconst (\n\ttrue = false\n\tN = 3\n)\nvar len, x = 1, 2\ntype error = string\n')).toEqual([
      "process internals: true declared at package level (Go's own true means this in the whole package, its tests included)",
      "process internals: len declared at package level (Go's own len means this in the whole package, its tests included)",
      "process internals: error declared at package level (Go's own error means this in the whole package, its tests included)",
    ]);
    expect(await go('package calc\nfunc min(a, b int) int { if a < b { return a }; return b }\nfunc max(a, b int) int { return -min(-a, -b) }\nfunc F() { recover := 1; _ = recover }\n')).toEqual([]);
  });

  it('leaves a program its command line and ordinary code alone', async () => {
    expect(await go('package main\nimport "os"\nfunc main() { os.Exit(len(os.Args)) }\n')).toEqual([]);
    expect(await go('package calc\nimport ("strings"; "fmt")\nfunc F(a string) string { return fmt.Sprintf("%s", strings.ToUpper(a)) }\n')).toEqual([]);
    expect(await go('package calc\nfunc Map[T any](xs []T, f func(T) T) []T { for i := range xs { xs[i] = f(xs[i]) }; return xs }\n')).toEqual([]);
  });
});

describe('reading the working folder, the process table and the standard streams', () => {
  it('Go: os.Stat of a relative path, stdin', async () => {
    expect(await go('package calc\nimport "os"\nfunc F() bool { _, err := os.Stat("go.mod"); return err == nil }\n')).toEqual(['environment: os.Stat("go.mod") (relative to the working folder)']);
    expect(await go('package calc\nimport "os"\nfunc F() bool { fi, _ := os.Stdin.Stat(); return fi != nil }\n')).toEqual(['environment: os.Stdin']);
    expect(await go('package calc\nimport ("fmt"; "os")\nfunc F() { fmt.Fprintln(os.Stdout, "x") }\n')).toEqual([]);
  });
});
