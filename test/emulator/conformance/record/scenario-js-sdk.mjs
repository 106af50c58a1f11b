// The JS SDK scenario for record.mjs (@databricks/sdk-experimental, which needs Node >= 22 from 0.15
// on). Run only through record.mjs; HOOKQL_RECORD_JS_SDK is the package's entry file.
// 0.14.2, what npm picks on Node 20, rewrites the host to https://<hostname> and always uses an
// https.Agent; the documented workaround (HOOKS §7) is applied for it: a Config whose fixHost() keeps
// the host, and an http.Agent. Its other bugs (no query string on GET/DELETE, PATCH without a body) stay.

import { Agent as HttpAgent } from 'node:http';

const env = process.env;
const sdk = await import(env.HOOKQL_RECORD_JS_SDK);
const pkg = JSON.parse(await (await import('node:fs/promises')).readFile(new URL('../package.json', `file://${env.HOOKQL_RECORD_JS_SDK}`), 'utf8'));
const old = pkg.version.startsWith('0.14.');
const { Config } = old ? await import(new URL('config/Config.js', `file://${env.HOOKQL_RECORD_JS_SDK}`).href) : {};
class KeepHost extends (Config ?? Object) {
  fixHost() {}
}
const WorkspaceClient = function (options) {
  return old ? new sdk.WorkspaceClient(new KeepHost(options), { agent: new HttpAgent() }) : new sdk.WorkspaceClient(options);
};
for (const key of ['DATABRICKS_TOKEN', 'DATABRICKS_CLIENT_ID', 'DATABRICKS_CLIENT_SECRET', 'DATABRICKS_CONFIG_PROFILE']) delete env[key];
env.DATABRICKS_CONFIG_FILE = '/nonexistent';

const mark = (path, payload) => fetch(env.HOOKQL_RECORD_URL + path, { method: 'POST', body: JSON.stringify(payload) }).then((r) => r.text());

async function step(name, action) {
  await mark('/__record/step', { name });
  let result;
  let outcome = 'ok';
  try {
    result = await action();
  } catch (error) {
    outcome = error?.errorCode ? `${error.constructor.name} ${error.errorCode}` : (error?.constructor?.name ?? 'Error');
  }
  await mark('/__record/outcome', { outcome });
  return result;
}

const all = async (iterable) => {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
};

const host = env.DATABRICKS_HOST;
const pat = await step('pat-client', async () => {
  const client = new WorkspaceClient({ host, token: env.HOOKQL_RECORD_ADMIN_TOKEN, authType: 'pat' });
  await client.config.ensureResolved();
  return client;
});
const job = await step('jobs-create', () => pat.jobs.create({ name: 'on-event', tasks: [{ task_key: 'main', spark_python_task: { python_file: '/Shared/on_event.py' } }] }));
const http = await step('create-http', () =>
  pat.modelRegistry.createWebhook({
    events: ['MODEL_VERSION_CREATED', 'COMMENT_CREATED'],
    model_name: 'churn-model',
    status: 'TEST_MODE',
    http_url_spec: { url: `${env.HOOKQL_RECORD_RECEIVER}/hook`, secret: 'rec-hook-secret' },
  }),
);
const jobHook = await step('create-job', () =>
  pat.modelRegistry.createWebhook({ events: ['MODEL_VERSION_TRANSITIONED_TO_PRODUCTION'], model_name: 'churn-model', job_spec: { job_id: String(job.job_id), access_token: env.HOOKQL_RECORD_ADMIN_TOKEN } }),
);
for (const i of [0, 1, 2]) {
  await step(`create-more-${i}`, () => pat.modelRegistry.createWebhook({ events: ['MODEL_VERSION_CREATED'], model_name: `model-${i}`, http_url_spec: { url: `${env.HOOKQL_RECORD_RECEIVER}/more/${i}` } }));
}
await step('list-all-pages', () => all(pat.modelRegistry.listWebhooks({ max_results: 2 })));
await step('list-filtered', () => all(pat.modelRegistry.listWebhooks({ model_name: 'churn-model', events: ['COMMENT_CREATED'] })));
// 0.17.0 still sends PATCH without a body (api-client.js attaches bodies to POST and PUT only).
await step('update-no-body', () => pat.modelRegistry.updateWebhook({ id: http.webhook.id, status: 'ACTIVE' }));
await step('test-http', () => pat.modelRegistry.testRegistryWebhook({ id: http.webhook.id, event: 'COMMENT_CREATED' }));
await step('test-job', () => pat.modelRegistry.testRegistryWebhook({ id: jobHook.webhook.id }));
if (old) {
  // 0.14 sends DELETE without ?id= (HOOKS §7), so the delete cannot reach the hook.
  await step('delete-without-query', () => pat.modelRegistry.deleteWebhook({ id: http.webhook.id }));
} else {
  await step('delete', () => pat.modelRegistry.deleteWebhook({ id: http.webhook.id }));
  await step('error-delete-unknown', () => pat.modelRegistry.deleteWebhook({ id: http.webhook.id }));
}
const user = await step('user-client', async () => {
  const client = new WorkspaceClient({ host, token: env.HOOKQL_RECORD_USER_TOKEN, authType: 'pat' });
  await client.config.ensureResolved();
  return client;
});
await step('error-user-registry-wide', () => user.modelRegistry.createWebhook({ events: ['REGISTERED_MODEL_CREATED'], http_url_spec: { url: env.HOOKQL_RECORD_RECEIVER } }));
const m2m = await step('m2m-client', async () => {
  const client = new WorkspaceClient({ host, clientId: env.HOOKQL_RECORD_CLIENT_ID, clientSecret: env.HOOKQL_RECORD_CLIENT_SECRET, authType: 'oauth-m2m' });
  await client.config.ensureResolved();
  return client;
});
await step('m2m-list', () => all(m2m.modelRegistry.listWebhooks({ model_name: 'churn-model' })));

console.log(JSON.stringify({ client: '@databricks/sdk-experimental (JavaScript)', version: pkg.version, runtime: `Node ${process.versions.node}` }));
