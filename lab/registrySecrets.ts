// Credentials in the host's registry settings: found, redacted from every message, and
// searched for in a snapshot before it is made, so none is ever written into an image.

export interface Secret {
  value: string;
  /** What it is, without the value: "npm's _authToken for //npm.corp.example/". */
  what: string;
}

/** The credentials a URL carries: the password, or a user name that stands alone (a token). */
export function urlSecrets(url: string, what: string): Secret[] {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/@\s]+)@/i.exec(url.trim());
  if (!m) return [];
  const [user, password] = splitOnce(m[1]!, ':');
  const raw = password ?? user;
  if (!raw) return [];
  const decoded = safeDecode(raw);
  return [{ value: raw, what }, ...(decoded !== raw ? [{ value: decoded, what }] : [])];
}

/** A URL as it may be shown: its password (or lone user name) as ***. */
export function redactedUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@\s]+)@/i, (_, scheme: string, info: string) => {
    const [user, password] = splitOnce(info, ':');
    return `${scheme}${password === undefined ? '***' : `${user}:***`}@`;
  });
}

/** Text with every secret replaced by ***, longest first (one secret may hold another). */
export function redactSecrets(text: string, secrets: Secret[]): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.value.length - a.value.length)) if (s.value) out = out.split(s.value).join('***');
  return out;
}

/**
 * The secrets worth searching a snapshot for: a value this short would be found in files
 * that never saw it (it is still redacted from every message).
 */
export const MIN_SCANNED_SECRET = 8;
export function scannedSecrets(secrets: Secret[]): Secret[] {
  return secrets.filter((s) => s.value.length >= MIN_SCANNED_SECRET && !/[\r\n]/.test(s.value));
}

export function uniqueSecrets(secrets: Secret[]): Secret[] {
  const seen = new Set<string>();
  return secrets.filter((s) => s.value.trim() !== '' && !seen.has(s.value) && (seen.add(s.value), true));
}

export function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
