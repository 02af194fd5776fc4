import type { Client, Connection } from '@temporalio/client';
import { CLI_TYPE, LOOM_SEARCH_ATTRIBUTES } from '../generation/searchAttributes';

// temporal.api.enums.v1.IndexedValueType, as the operator service speaks it.
const INDEXED_VALUE_TYPE: Record<string, number> = { TEXT: 1, KEYWORD: 2, INT: 3, DOUBLE: 4, BOOL: 5, DATETIME: 6, KEYWORD_LIST: 7 };

/** The commands an operator runs by hand when the worker may not register the attributes itself. */
export function registrationCommands(namespace: string, names?: string[]): string[] {
  return LOOM_SEARCH_ATTRIBUTES.filter((k) => !names || names.includes(k.name)).map(
    (k) => `temporal operator search-attribute create --namespace ${namespace} --name ${k.name} --type ${CLI_TYPE[k.type]}`,
  );
}

/**
 * Workflows upsert Loom's search attributes, and an unregistered one would fail their
 * tasks forever; so the worker makes sure they exist before it takes any work.
 */
export async function ensureSearchAttributes(client: Client, namespace: string): Promise<string[]> {
  const connection = client.connection as Connection;
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const existing = customAttributes ?? {};
  const missing = LOOM_SEARCH_ATTRIBUTES.filter((k) => !(k.name in existing));
  const wrongType = LOOM_SEARCH_ATTRIBUTES.filter((k) => k.name in existing && existing[k.name] !== INDEXED_VALUE_TYPE[k.type]);
  if (wrongType.length) {
    throw new Error(`search attribute(s) ${wrongType.map((k) => `${k.name} (Loom needs ${CLI_TYPE[k.type]})`).join(', ')} exist on namespace ${namespace} with another type; remove or rename them, then restart the worker`);
  }
  if (!missing.length) return [];
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((k) => [k.name, INDEXED_VALUE_TYPE[k.type]!])),
    });
  } catch (err) {
    const names = missing.map((k) => k.name);
    throw new Error(
      `Loom's search attributes ${names.join(', ')} are not registered on namespace ${namespace}, and this worker could not add them (${(err as Error).message}). ` +
        `Register them once (see docs/cluster.md), then start the worker again:\n  ${registrationCommands(namespace, names).join('\n  ')}`,
    );
  }
  return missing.map((k) => k.name);
}
