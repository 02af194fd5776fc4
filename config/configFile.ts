// Reading a repository's loom.config.json: syntax first (with its line and column), then the
// schema, each problem named by its key with what is wrong and the fix.
import { Ajv, type ErrorObject } from 'ajv';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { configSchema, fileSettings, objectFix } from './configSchema';
import { didYouMean } from './didYouMean';
import { jsonSyntaxError, lineColumn } from './jsonSyntax';

export const CONFIG_FILE = 'loom.config.json';

/** loom.config.json as written: nested objects of the table's file keys. */
export type FileConfig = Record<string, unknown>;

export class ConfigError extends Error {}

/** A mount must name a folder inside the repository, never above it or its .git. */
export function insideRepository(path: string): boolean {
  const rel = posix.normalize(path.replace(/\\/g, '/'));
  return !(rel.startsWith('..') || posix.isAbsolute(rel) || rel === '.' || rel === '.git' || rel.startsWith('.git/'));
}

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
ajv.addKeyword({ keyword: 'insideRepository', type: 'string', schemaType: 'boolean', errors: false, validate: (_: boolean, data: string) => insideRepository(data) });
const SCHEMA = configSchema();
const validate = ajv.compile(SCHEMA);

export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array ${JSON.stringify(v).slice(0, 60)}`;
  if (typeof v === 'string') return `the string ${JSON.stringify(v.slice(0, 60))}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

const alternatives = (values: unknown[]) => values.map((v) => JSON.stringify(v)).join(', ').replace(/, ([^,]*)$/, ' or $1');

/** What is wrong with one value, from the schema keyword it failed. */
function whatIsWrong(e: ErrorObject, item: number | undefined): string {
  const v = e.data;
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'insideRepository') return `item ${item} (${JSON.stringify(v)}) is not a folder inside the repository`;
  if (item !== undefined) return `item ${item} must be a non-empty string, got ${describeValue(v)}`;
  switch (e.keyword) {
    case 'type': {
      const type = params.type as string;
      if (type === 'integer' && typeof v === 'number') return `must be a whole number, got ${v}`;
      if (type === 'integer' || type === 'number') return `must be a number, got ${describeValue(v)}${typeof v === 'string' && Number.isFinite(Number(v)) ? ' (write it without quotes)' : ''}`;
      if (type === 'array') return `must be an array of strings, got ${describeValue(v)}`;
      return `must be ${type === 'object' ? 'an object' : `a ${type}`}, got ${describeValue(v)}`;
    }
    case 'minLength':
    case 'pattern':
      return 'must not be empty';
    case 'exclusiveMinimum':
      return `must be above ${params.limit}, got ${v}`;
    case 'minimum':
      return `must be ${params.limit} or more, got ${describeValue(v)}`;
    case 'maximum':
      return `must be ${params.limit} or less, got ${describeValue(v)}`;
    case 'enum':
      return `must be ${alternatives(params.allowedValues as unknown[])}, got ${describeValue(v)}`;
    default:
      return e.message ?? e.keyword;
  }
}

interface Problem {
  /** Where in the text, when the value can be found there. */
  node?: Node;
  text: string;
}

function placed(text: string, p: Problem): string {
  if (!p.node) return p.text;
  const { line, column } = lineColumn(text, p.node.offset);
  return `line ${line}, column ${column}: ${p.text}`;
}

/** One problem per value (a value may fail several keywords), each with its place in the text. */
function problemsOf(errors: ErrorObject[], text: string): string[] {
  const tree = parseTree(text);
  const settings = fileSettings();
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const e of errors) {
    const path = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (e.keyword === 'additionalProperties') {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const prefix = path.map((p) => `${p}.`).join('');
      const known = Object.keys((e.parentSchema as { properties: object }).properties).filter((k) => k !== '$schema');
      const guess = didYouMean(key, known);
      const node = tree && findNodeAtLocation(tree, [...path, key])?.parent?.children?.[0];
      problems.push({ node, text: `${prefix}${key}: unknown key; ${guess ? `did you mean "${prefix}${guess}"?` : `the known keys are ${known.map((k) => prefix + k).join(', ')}`}` });
      continue;
    }
    if (seen.has(e.instancePath)) continue;
    seen.add(e.instancePath);
    const item = /^\d+$/.test(path.at(-1) ?? '') ? Number(path.at(-1)) : undefined;
    const key = (item === undefined ? path : path.slice(0, -1)).join('.');
    const fix = settings.get(key)?.fix ?? objectFix(key);
    const node = tree && findNodeAtLocation(tree, item === undefined ? path : [...path.slice(0, -1), item]);
    problems.push({ node, text: `${key}: ${whatIsWrong(e, item)}; set it to ${fix}` });
  }
  // In the file's order, as an editor lists them.
  return problems.sort((a, b) => (a.node?.offset ?? Infinity) - (b.node?.offset ?? Infinity)).map((p) => placed(text, p));
}

/** Parses and checks a loom.config.json text; throws a ConfigError naming the file, each key, the problem and the fix. */
export function parseConfigFile(text: string, path: string): FileConfig {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const syntax = jsonSyntaxError(text);
    const where = syntax ? ` at line ${syntax.line}, column ${syntax.column}: ${syntax.expected}` : `: ${(err as Error).message}`;
    throw new ConfigError(`${path} is not valid JSON${where}; fix the syntax, or remove the file to use the defaults`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(`${path} must hold a JSON object such as {"testCommand": "npm test"}, got ${describeValue(data)}`);
  }
  if (!validate(data)) {
    const problems = problemsOf(validate.errors ?? [], text);
    throw new ConfigError(`${path} has ${problems.length} problem${problems.length === 1 ? '' : 's'} (see the configuration section of README.md):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  return data as FileConfig;
}

/** The repository's loom.config.json, checked; undefined when there is none. */
export function readConfigFile(repo: string): { path: string; config: FileConfig } | undefined {
  const path = join(repo, CONFIG_FILE);
  if (!existsSync(path)) return undefined;
  return { path, config: parseConfigFile(readFileSync(path, 'utf8'), path) };
}

/** The value at a dotted file key. */
export function fileValue(config: FileConfig, key: string): unknown {
  return key.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), config);
}
