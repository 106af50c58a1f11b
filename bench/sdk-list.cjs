// B1s's anchor: what a user of the official Databricks JS SDK writes to count a workspace's
// webhooks — `for await (… client.modelRegistry.listWebhooks({}))`, the SDK's own paging, its default
// page size (it sends no max_results). Run by Node 22 (the SDK's engines), as a whole process.
//
//   node22 bench/sdk-list.cjs <sdk-dir> <base-url> <token>
//
// <sdk-dir> is the cache folder the bench installed @databricks/sdk-experimental into (b1s-sdk.js).
// A personal access token, given explicitly: no config file or profile is read.

const { createRequire } = require('node:module');
const { join } = require('node:path');

const [dir, host, token] = process.argv.slice(2);
const { WorkspaceClient } = createRequire(join(dir, 'package.json'))('@databricks/sdk-experimental');

async function main() {
  const client = new WorkspaceClient({ host, token, authType: 'pat' });
  let count = 0;
  for await (const webhook of client.modelRegistry.listWebhooks({})) if (webhook.id) count += 1;
  process.stdout.write(`${count}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
