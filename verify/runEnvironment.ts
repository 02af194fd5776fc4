// The environment every verification run gets, whatever the repository says: npm reads
// no user or global npmrc, runs scripts with a plain shell and no node options of the
// project's own (environment settings outrank a project .npmrc), and does not reach for
// the network. The runner plan may then set NODE_OPTIONS to Loom's reporter.
export const PINNED_NPM_ENV: Record<string, string> = {
  npm_config_userconfig: '/nonexistent/loom-npmrc-user',
  npm_config_globalconfig: '/nonexistent/loom-npmrc-global',
  npm_config_script_shell: '/bin/sh',
  // An empty value would leave the project's setting in force; this one changes nothing.
  npm_config_node_options: '--stack-trace-limit=10',
  NODE_OPTIONS: '',
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
  npm_config_offline: 'true',
  npm_config_loglevel: 'warn',
  CI: 'true',
};

export function runEnvironment(planEnv: Record<string, string>): Record<string, string> {
  return { ...PINNED_NPM_ENV, ...planEnv };
}
