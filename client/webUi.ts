import type { LoomConfig } from '../config/loomConfig';

/** The Web UI's root: LOOM_UI_URL for a real cluster, else the dev server on LOOM_UI_PORT. */
export function webUiBase(config: Pick<LoomConfig, 'uiUrl' | 'uiPort'>): string {
  return (config.uiUrl.value ?? `http://127.0.0.1:${config.uiPort.value}`).replace(/\/+$/, '');
}

/** The visibility query for a repository's workflows (LoomRepo holds its absolute real path). */
export function repoQuery(repoRealPath: string): string {
  return `LoomRepo="${repoRealPath.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The workflow list of a namespace, filtered to one repository when given. */
export function workflowsLink(base: string, namespace: string, repoRealPath?: string): string {
  const list = `${base}/namespaces/${encodeURIComponent(namespace)}/workflows`;
  return repoRealPath === undefined ? list : `${list}?query=${encodeURIComponent(repoQuery(repoRealPath))}`;
}
