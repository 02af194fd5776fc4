import type { ModelSettings, Role } from '../generation/record';

export const DEFAULT_MODEL = 'claude-sonnet-4-6';

type Env = Record<string, string | undefined>;

/**
 * Model names and endpoints per role, from LOOM_MODEL, LOOM_LAB_MODEL and the API bases. The Lab
 * inherits Prime's settings unless LOOM_LAB_* overrides them. Keys are not part of
 * this: they stay on the worker (see apiKeyFor) and never enter workflow history.
 */
export function modelSettingsFromEnv(env: Env): ModelSettings {
  const primeModel = env.LOOM_MODEL || DEFAULT_MODEL;
  const primeBase = env.ANTHROPIC_BASE_URL || undefined;
  return {
    prime: { model: primeModel, baseURL: primeBase },
    lab: { model: env.LOOM_LAB_MODEL || primeModel, baseURL: env.LOOM_LAB_API_BASE || primeBase },
  };
}

/** The key a role uses: the Lab's own key if set, else Prime's. */
export function apiKeyFor(role: Role, env: Env): string | undefined {
  if (role === 'lab' && env.LOOM_LAB_API_KEY) return env.LOOM_LAB_API_KEY;
  return env.ANTHROPIC_API_KEY || undefined;
}
