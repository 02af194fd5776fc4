// The few file formats package managers keep their settings in, read as far as the setup
// step needs: pip.conf (INI), TOML tables (cargo), XML entities (Maven), npmrc's quoted values.

export const unquote = (v: string) => (/^"(.*)"$/.exec(v)?.[1] ?? /^'(.*)'$/.exec(v)?.[1] ?? v);

/** pip.conf as sections of keys (any case, `_` or `-`), a value running on over indented lines. */
export function parsePipConf(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let section: Map<string, string> | undefined;
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(line) || !line.trim()) continue;
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      const name = header[1]!.trim().toLowerCase();
      section = sections.get(name) ?? new Map();
      sections.set(name, section);
      last = undefined;
      continue;
    }
    if (/^\s/.test(line) && section && last) {
      section.set(last, `${section.get(last)}\n${line.trim()}`);
      continue;
    }
    const kv = /^\s*([^=:\s][^=:]*?)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (!kv || !section) continue;
    last = kv[1]!.toLowerCase().replace(/_/g, '-');
    section.set(last, kv[2]!);
  }
  return sections;
}

/** A TOML file cut into its tables, each with its header line; lines before the first header are table "". */
export function tomlTables(text: string): Array<{ name: string; lines: string[] }> {
  const tables: Array<{ name: string; lines: string[] }> = [{ name: '', lines: [] }];
  for (const line of text.split(/\r?\n/)) {
    const h = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$/.exec(line);
    if (h) tables.push({ name: h[1]!.replace(/["']/g, ''), lines: [line] });
    else tables.at(-1)!.lines.push(line);
  }
  return tables;
}

export const tomlString = (line: string) => /=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')/.exec(line);

export const decodeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
