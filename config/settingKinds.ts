// What each kind of setting accepts: as text (a flag or an environment variable) and as a
// JSON value (loom.config.json, by its schema).
import { MAX_LABS } from './workSettings';
import type { Kind } from './settings';

type Value = string | number | boolean | string[];

const whole = (n: number) => Number.isInteger(n);
// The API's floor for a thinking budget.
const MIN_THINKING_TOKENS = 1024;

/** A flag's or variable's text as a value of its kind; undefined when it is not one. */
export function fromText(kind: Kind, raw: string): Value | undefined {
  const n = Number(raw);
  switch (kind) {
    case 'text':
      return raw;
    case 'positiveInteger':
      return n > 0 && whole(n) ? n : undefined;
    case 'positiveNumber':
      return n > 0 && Number.isFinite(n) ? n : undefined;
    case 'count':
      return raw.trim() !== '' && n >= 0 && whole(n) ? n : undefined;
    case 'port':
      return whole(n) && n > 0 && n < 65536 ? n : undefined;
    case 'labs':
      return whole(n) && n >= 1 && n <= MAX_LABS ? n : undefined;
    case 'thinkingTokens':
      return whole(n) && n >= MIN_THINKING_TOKENS ? n : undefined;
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : undefined;
    case 'reportMode':
      return ['auto', 'junit', 'exit-code'].includes(raw) ? raw : undefined;
    case 'folders':
    case 'globs':
      return raw.trim() ? [raw] : undefined;
  }
}

/** How a flag of this kind is described when it is wrong: "--usd must be a positive number". */
export function flagPhrase(kind: Kind, fix: string): string {
  if (kind === 'positiveInteger') return 'a positive integer';
  if (kind === 'positiveNumber') return 'a positive number';
  return fix;
}

const nonEmpty = { type: 'string', minLength: 1, pattern: '\\S' };

/** The JSON Schema of a value of this kind. */
export function schemaOf(kind: Kind): Record<string, unknown> {
  switch (kind) {
    case 'text':
      return nonEmpty;
    case 'positiveInteger':
      return { type: 'integer', exclusiveMinimum: 0 };
    case 'positiveNumber':
      return { type: 'number', exclusiveMinimum: 0 };
    case 'count':
      return { type: 'integer', minimum: 0 };
    case 'port':
      return { type: 'integer', minimum: 1, maximum: 65535 };
    case 'labs':
      return { type: 'integer', minimum: 1, maximum: MAX_LABS };
    case 'thinkingTokens':
      return { type: 'integer', minimum: MIN_THINKING_TOKENS };
    case 'boolean':
      return { type: 'boolean' };
    case 'reportMode':
      return { enum: ['auto', 'junit', 'exit-code'] };
    case 'globs':
      return { type: 'array', items: nonEmpty };
    case 'folders':
      // insideRepository: Loom's own keyword, checked by the loader; editors ignore it.
      return { type: 'array', items: { ...nonEmpty, insideRepository: true } };
  }
}
