// Parsing JavaScript and TypeScript for the capability analysis, and walking the tree, as
// capabilitiesJs and jsProgramLines both do. Pure.
import { parse } from '@babel/parser';
import traverseModule from '@babel/traverse';

// @babel/traverse is CommonJS: its function is the default export's default under ESM.
export const traverse = ((traverseModule as unknown as { default?: typeof traverseModule }).default ?? traverseModule) as typeof traverseModule;

export function parseJs(code: string, path: string) {
  return parse(code, {
    sourceType: 'unambiguous',
    errorRecovery: true,
    allowReturnOutsideFunction: true,
    plugins: [...(/\.[cm]?tsx?$/.test(path) ? (['typescript'] as const) : []), ...(/\.[cm]?ts$/.test(path) ? [] : (['jsx'] as const)), 'decorators-legacy', 'importAttributes', 'explicitResourceManagement'],
  });
}
