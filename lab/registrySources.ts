// Where each package manager reads its registry settings on the host, as the tool itself
// looks them up: the files the worker reads for the setup step.
import { posix } from 'node:path';
import { REGISTRY_TOOLS, type RegistryTool } from './hostRegistries';

/**
 * Where each tool reads its settings on the host, lowest precedence first; a file
 * loom.config.json names ("setupRegistries.<tool>") replaces a tool's own.
 */
export function registrySources(env: Record<string, string | undefined>, home: string, named: Partial<Record<RegistryTool, string>> = {}, nodePrefix = '/usr/local'): Record<RegistryTool, string[]> {
  const config = env.XDG_CONFIG_HOME || posix.join(home, '.config');
  const cargoHome = env.CARGO_HOME || posix.join(home, '.cargo');
  const pipFile = env.PIP_CONFIG_FILE;
  const goEnv = env.GOENV;
  const own: Record<RegistryTool, string[]> = {
    npm: [env.NPM_CONFIG_GLOBALCONFIG || env.npm_config_globalconfig || posix.join(env.NPM_CONFIG_PREFIX || env.npm_config_prefix || nodePrefix, 'etc', 'npmrc'), env.NPM_CONFIG_USERCONFIG || env.npm_config_userconfig || posix.join(home, '.npmrc')],
    // pip: the site-wide files, the legacy then the current user file, and PIP_CONFIG_FILE last; /dev/null turns them all off.
    pip: pipFile === '/dev/null' ? [] : ['/etc/xdg/pip/pip.conf', '/etc/pip.conf', posix.join(home, '.pip', 'pip.conf'), posix.join(config, 'pip', 'pip.conf'), ...(pipFile ? [pipFile] : [])],
    go: goEnv === 'off' ? [] : [goEnv || posix.join(config, 'go', 'env')],
    // Cargo reads `config` over `config.toml` when both are there; the same for credentials.
    cargo: [posix.join(cargoHome, 'config.toml'), posix.join(cargoHome, 'config'), posix.join(cargoHome, 'credentials.toml'), posix.join(cargoHome, 'credentials')],
    maven: [posix.join(home, '.m2', 'settings.xml'), posix.join(home, '.m2', 'settings-security.xml')],
  };
  for (const tool of REGISTRY_TOOLS) if (named[tool]) own[tool] = [expandHome(named[tool]!, home)];
  return own;
}

const expandHome = (p: string, home: string) => (p === '~' ? home : p.startsWith('~/') ? posix.join(home, p.slice(2)) : p);
