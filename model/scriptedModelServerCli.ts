// Runs the scripted model server by hand, e.g. to point a worker at it:
//   tsx model/scriptedModelServerCli.ts script.json [--port N]
import { loadModelScript } from './modelScript';
import { startScriptedModelServer } from './scriptedModelServer';

const args = process.argv.slice(2);
const portAt = args.indexOf('--port');
const port = portAt === -1 ? 0 : Number(args[portAt + 1]);
const file = args.find((a, i) => !a.startsWith('--') && (portAt === -1 || i !== portAt + 1));
if (!file || !Number.isInteger(port) || port < 0) {
  console.error('usage: tsx model/scriptedModelServerCli.ts script.json [--port N]');
  process.exit(2);
}

try {
  const script = loadModelScript(file);
  const server = await startScriptedModelServer(script, { port });
  console.log(server.url);
  for (const channel of Object.keys(script)) console.log(`  ${channel}: ${server.baseUrl(channel)} (${script[channel]!.length} steps)`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
