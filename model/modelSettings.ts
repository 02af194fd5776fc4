import type { ModelSettings, Role } from '../generation/record';
import { loadConfig, modelSettingsOf } from '../config/loomConfig';

export { DEFAULT_MODEL } from '../config/settings';

type Env = Record<string, string | undefined>;

/**
 * Model names and endpoints per role, from the environment alone (the settings table's
 * LOOM_MODEL, LOOM_LAB_MODEL and API bases; the Lab inherits Prime's). Keys are not part
 * of this: they stay on the worker (see apiKeyFor) and never enter workflow history.
 */
export function modelSettingsFromEnv(env: Env): ModelSettings {
  return modelSettingsOf(loadConfig({ env }));
}

/** The key a role uses: the Lab's own key if set, else Prime's. */
export function apiKeyFor(role: Role, env: Env): string | undefined {
  const config = loadConfig({ env });
  return (role === 'lab' ? config.labApiKey.value : undefined) ?? config.anthropicApiKey.value;
}
