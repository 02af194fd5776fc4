// loom.config.json's JSON Schema, built from the settings table: the loader validates with
// it, and editors complete the file from the copy shipped as loom.config.schema.json.
import { SETTINGS, type Setting } from './settings';
import { schemaOf } from './settingKinds';

type SchemaObject = { type: 'object'; description?: string; properties: Record<string, Record<string, unknown>>; additionalProperties: false };

/** The settings that live in the file, by their dotted file key. */
export function fileSettings(): Map<string, Setting> {
  return new Map((SETTINGS as readonly Setting[]).filter((s) => s.file).map((s) => [s.file!, s]));
}

/** What an object of settings ("budgets", "verification") may hold, for its error message. */
export function objectFix(path: string): string {
  const keys = [...fileSettings().keys()].filter((k) => k.startsWith(`${path}.`)).map((k) => k.slice(path.length + 1));
  return `an object with any of ${keys.join(', ')}`;
}

export function configSchema(): Record<string, unknown> {
  const root: SchemaObject = { type: 'object', properties: {}, additionalProperties: false };
  for (const [file, s] of fileSettings()) {
    const parts = file.split('.');
    let parent = root;
    for (const [i, part] of parts.slice(0, -1).entries()) {
      const path = parts.slice(0, i + 1).join('.');
      parent = (parent.properties[part] ??= { type: 'object', description: objectFix(path), properties: {}, additionalProperties: false }) as SchemaObject;
    }
    parent.properties[parts.at(-1)!] = { ...schemaOf(s.kind), description: s.note ? `${s.fix}; ${s.note}` : s.fix, ...(s.default === undefined ? {} : { default: s.default }) };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'loom.config.json',
    description: "Loom's settings for this repository; flags and the environment override them (`loom config` shows each value's source).",
    ...root,
    properties: { $schema: { type: 'string', description: 'the schema this file follows, for editors' }, ...root.properties },
  };
}
