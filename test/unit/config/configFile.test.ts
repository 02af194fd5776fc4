import { describe, expect, it } from 'vitest';
import { parseConfigFile } from '../../../config/configFile';
import { problemsOf } from './configFixtures';


describe('loom.config.json checks', () => {
  it('suggests the key meant for an unknown one, at any level', () => {
    const msg = problemsOf('{"testComand": "npm test", "budgets": {"maxFailure": 3}, "zzz": 1}');
    expect(msg).toContain('/r/loom.config.json has 3 problems');
    expect(msg).toContain('testComand: unknown key; did you mean "testCommand"?');
    expect(msg).toContain('budgets.maxFailure: unknown key; did you mean "budgets.maxFailures"?');
    expect(msg).toContain('zzz: unknown key; the known keys are testCommand, setup, labImage, budgets, excludeFromReview, mounts, maxTurns, baseBranch');
  });

  it('names wrong types and negative budgets with the fix', () => {
    const msg = problemsOf(JSON.stringify({ testCommand: 3, budgets: { usd: -5, generations: '3', hours: 0 }, maxTurns: 2.5, mounts: 'node_modules', excludeFromReview: ['dist/**', 7] }));
    expect(msg).toContain('has 7 problems');
    expect(msg).toContain('testCommand: must be a string, got number 3; set it to a shell command, e.g. "npm test"');
    expect(msg).toContain('budgets.usd: must be above 0, got -5; set it to a number of dollars above 0, or remove it for no spending limit');
    expect(msg).toContain('budgets.generations: must be a number, got the string "3" (write it without quotes)');
    expect(msg).toContain('budgets.hours: must be above 0, got 0');
    expect(msg).toContain('maxTurns: must be a whole number, got 2.5');
    expect(msg).toContain('mounts: must be an array of strings, got the string "node_modules"; set it to an array of folders inside the repository');
    expect(msg).toContain('excludeFromReview: item 1 must be a non-empty string, got number 7');
  });

  it('refuses mounts outside the repository', () => {
    const msg = problemsOf('{"mounts": ["../secrets", "/etc", ".git"]}');
    expect(msg).toContain('item 0 ("../secrets") is not a folder inside the repository');
    expect(msg).toContain('item 1 ("/etc")');
    expect(msg).toContain('item 2 (".git")');
  });

  it('needs an object at the top', () => {
    expect(problemsOf('["npm test"]')).toContain('/r/loom.config.json must hold a JSON object');
  });

  it('accepts a complete valid file as it is', () => {
    const file = { testCommand: 'make test', labImage: 'img:1', budgets: { generations: 10, usd: 2.5, hours: 1.5, maxFailures: 2 }, excludeFromReview: ['*.lock'], mounts: ['node_modules'], maxTurns: 40, baseBranch: 'dev' };
    expect(parseConfigFile(JSON.stringify(file), 'x')).toEqual(file);
  });

  it('gives the line and column of a JSON syntax error, with the likely cause', () => {
    expect(problemsOf('{\n  "testCommand": "npm test",\n}\n')).toBe(
      '/r/loom.config.json is not valid JSON at line 3, column 1: expected a double-quoted key (a trailing comma before "}"?); fix the syntax, or remove the file to use the defaults',
    );
    expect(problemsOf('{\n  // tests\n  "testCommand": "x"\n}')).toContain('at line 2, column 3: expected a double-quoted key (JSON allows no comments)');
    expect(problemsOf("{'a': 1}")).toContain("at line 1, column 2: expected a double-quoted key (JSON strings take double quotes)");
    expect(problemsOf('{"a": 1')).toContain('at line 1, column 8: expected "," or "}" but the file ended');
    expect(problemsOf('{"a" 1}')).toContain('at line 1, column 6: expected ":" after the key');
  });
});
