// `loom config`: every setting with its value, where the value came from and how to set it.
import { CONFIG_FILE } from './configFile';
import type { LoomConfig, Source, Sourced } from './loomConfig';
import { setBy, SETTINGS, type Setting, type SettingKey, type Use } from './settings';

/** A secret shown by its first four characters only: sk-ant-…1234 → sk-a…(masked). */
export function maskSecret(value: string): string {
  return value.length >= 12 ? `${value.slice(0, 4)}…(masked)` : '(masked)';
}

export interface ConfigRow {
  key: string;
  value: string | number | boolean | string[] | null;
  source: Source;
  origin?: string;
  /** The variable, file key or flag that sets it. */
  setBy: string;
  /** Which process reads it: where loom runs, the worker, or both. */
  readBy: string;
  /** Why the value may not be the one in effect. */
  note?: string;
}

// Endpoints and models travel with the work from where `loom` runs; keys and the worker's
// own limits are read by the worker; where Temporal is, by both.
export const READ_BY: Record<Use, string> = {
  work: 'read where loom runs, sent with the work',
  loop: "read where loom runs, the loop's budgets",
  worker: "read by the worker, from the worker's environment",
  connection: 'read by loom and by the worker, each from its own environment',
};

/** One row per setting, in the table's order, secrets masked. */
export function configRows(config: LoomConfig): ConfigRow[] {
  return (SETTINGS as readonly Setting[]).map((s) => {
    const sourced = config[s.key as SettingKey] as Sourced<ConfigRow['value'] | undefined>;
    let value = sourced.value ?? null;
    if (s.secret && typeof value === 'string') value = maskSecret(value);
    const row: ConfigRow = { key: s.key, value, source: sourced.source, setBy: setBy(s), readBy: READ_BY[s.use] };
    if (sourced.origin) row.origin = sourced.origin;
    if (s.note) row.note = s.note;
    return row;
  });
}

function show(v: ConfigRow['value']): string {
  if (v === null) return '(unset)';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '(none)';
  return String(v);
}

/** `loom config` as text: key, value, and where the value came from. */
export function formatConfig(config: LoomConfig, repo?: string): string {
  const rows = configRows(config);
  const width = Math.max(...rows.map((r) => r.key.length));
  const valueWidth = Math.min(40, Math.max(...rows.map((r) => show(r.value).length)));
  const head = repo
    ? config.file
      ? `configuration for ${repo} (file ${config.file})`
      : `configuration for ${repo} (no ${CONFIG_FILE} there: defaults, environment and flags only)`
    : `configuration without --repo (no ${CONFIG_FILE} read: defaults, environment and flags only)`;
  const lines = rows.map((r) => {
    const origin = r.source === 'default' ? `default${r.origin ? ` (${r.origin})` : ''}, set with ${r.setBy}` : r.source === 'file' ? 'file' : `${r.source} (${r.origin})`;
    return `  ${r.key.padEnd(width)}  ${show(r.value).padEnd(valueWidth)}  ${origin}${r.note ? `; ${r.note}` : ''}`;
  });
  // Which process reads each setting, once per reader rather than on every line.
  const readers = [...new Set(rows.map((r) => r.readBy))].map((who) => `  ${who}: ${rows.filter((r) => r.readBy === who).map((r) => r.key).join(', ')}`);
  return [head, ...lines, 'which process reads each setting:', ...readers].join('\n');
}
