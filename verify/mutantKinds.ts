// Which kinds of mutant say something about the tests. Apart from the instrumenter
// (mutants.ts loads Stryker), so that the workflow's judge can use them. Pure.

/** Mutators whose survival says little: a changed string or an emptied block of logging. */
const WEAK = new Set(['StringLiteral', 'ObjectLiteral', 'ArrayDeclaration', 'Regex']);
export const isBehavioural = (m: { mutator: string }): boolean => !WEAK.has(m.mutator);

/**
 * Whether a changed line needs a test to catch one of this mutant's kind: every mutant
 * does (a table, a string key or a regular expression is logic like any other) except a
 * string in a message, which tests rarely pin down.
 */
export const mustBeCaught = (m: { mutator: string; inMessage?: boolean }): boolean => !(m.mutator === 'StringLiteral' && m.inMessage);
