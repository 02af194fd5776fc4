import type { Role } from '../generation/recordTypes';
import type { ModelSettings } from '../config/workSettings';
import { loadConfig, modelSettingsOf, type LoomConfig } from '../config/loomConfig';

export { DEFAULT_MODEL } from '../config/workSettings';

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

/**
 * Why this worker must not serve a role's request, if it must not. Endpoints travel with
 * the work from where `loom` runs; keys stay on the worker. A worker that names an endpoint
 * for a role itself (ANTHROPIC_BASE_URL, LOOM_LAB_API_BASE) holds that role's key for that
 * endpoint, so a request bound elsewhere would send the key to the wrong place.
 */
export function endpointMismatch(role: Role, requested: string | undefined, worker: Pick<LoomConfig, 'anthropicBaseUrl' | 'labApiBase'>): string | undefined {
  const own = role === 'lab' ? worker.labApiBase : worker.anthropicBaseUrl;
  if (own.value === undefined || own.value.replace(/\/+$/, '') === (requested ?? '').replace(/\/+$/, '')) return undefined;
  const name = role === 'lab' ? 'LOOM_LAB_API_BASE' : 'ANTHROPIC_BASE_URL';
  return (
    `the generation sends the ${role === 'lab' ? 'Lab' : 'Prime'} model to ${requested ?? 'https://api.anthropic.com'}, but this worker's key is for ${own.value} (${own.origin}): ` +
    `set ${name}=${own.value} where you run loom too (endpoints travel with the work, keys stay on the worker), or unset it in the worker's environment`
  );
}
