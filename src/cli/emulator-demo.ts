// `hookql emulator --demo <receiver-url>`: develop a webhook receiver in a minute. On a fresh emulator it
// registers a registry-wide hook that points at the receiver, runs a sample model lifecycle with plain
// SQL through the engine (register a model, create a version, request Production, approve, comment),
// waits for the deliveries to settle and shows what the receiver answered. Each statement is printed as
// it runs, so the demo doubles as a script to copy. The shared secret comes from HOOKQL_DEMO_SECRET and is
// passed as a {{ var }}: it is never printed.

import type { Engine, EngineOptions } from '../engine.js';
import type { StatementResult } from '../result.js';
import { renderResult } from './render-result.js';

export interface DemoIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Record<string, string | undefined>;
  readonly createEngine: (options: EngineOptions) => Engine;
}

export const DEMO_SECRET_ENV = 'HOOKQL_DEMO_SECRET';

interface Step {
  readonly title: string;
  readonly sql: string;
}

const EVENTS = ['REGISTERED_MODEL_CREATED', 'MODEL_VERSION_CREATED', 'TRANSITION_REQUEST_CREATED', 'MODEL_VERSION_TRANSITIONED_STAGE', 'COMMENT_CREATED'];

function steps(signed: boolean): Step[] {
  const spec = signed ? `{"url": "{{ receiver }}", "secret": "{{ secret }}"}` : `{"url": "{{ receiver }}"}`;
  return [
    {
      title: 'a registry-wide hook on your receiver',
      sql: `INSERT INTO databricks_workspace.ml.model_registry_webhooks (workspace, events, http_url_spec, description)
SELECT '{{ workspace }}', '${JSON.stringify(EVENTS)}', '${spec}', 'hookql demo'
RETURNING status`,
    },
    {
      title: 'register a model',
      sql: `INSERT INTO databricks_workspace.ml.model_registry (workspace, name, description)
SELECT '{{ workspace }}', 'demo-model', 'hookql demo' RETURNING name`,
    },
    {
      title: 'create version 1',
      sql: `INSERT INTO databricks_workspace.ml.model_registry_model_versions (workspace, name, source)
SELECT '{{ workspace }}', 'demo-model', 'dbfs:/demo/model/1' RETURNING name, version, current_stage`,
    },
    {
      title: 'request Production',
      sql: `INSERT INTO databricks_workspace.ml.model_registry_transitions (workspace, name, version, stage, comment)
SELECT '{{ workspace }}', 'demo-model', '1', 'Production', 'passed validation' RETURNING to_stage`,
    },
    {
      title: 'approve it',
      sql: `EXEC databricks_workspace.ml.model_registry_transitions.approve @workspace='{{ workspace }}'
@@json='{"name": "demo-model", "version": "1", "stage": "Production", "archive_existing_versions": true}'`,
    },
    {
      title: 'comment',
      sql: `INSERT INTO databricks_workspace.ml.model_registry_comments (workspace, name, version, comment)
SELECT '{{ workspace }}', 'demo-model', '1', 'shipped by the hookql demo' RETURNING user_id`,
    },
  ];
}

const DELIVERIES = `SELECT event, attempt, status_code, error, response_excerpt
FROM databricks_workspace.ml.webhook_deliveries WHERE workspace = '{{ workspace }}'
ORDER BY timestamp, id`;

/** Quiet this long and the deliveries are done (the demo emulator retries within well under it). */
const SETTLE_MS = 1500;
const SETTLE_MAX_MS = 20_000;

export async function runDemo(io: DemoIo, emulatorUrl: string, token: string, receiver: string): Promise<number> {
  const secret = io.env[DEMO_SECRET_ENV];
  const signed = secret !== undefined && secret !== '';
  // Only the emulator's token: the demo never talks to a workspace named in the user's environment.
  const engine = io.createEngine({ env: { DATABRICKS_TOKEN: token, HOOKQL_HOME: io.env.HOOKQL_HOME, HOME: io.env.HOME } });
  const vars = { workspace: emulatorUrl, receiver, ...(signed ? { secret } : {}) };
  io.stderr.write(signed
    ? `hookql demo: deliveries to ${receiver} are signed with $${DEMO_SECRET_ENV} (X-Databricks-Signature)\n`
    : `hookql demo: ${DEMO_SECRET_ENV} is not set, so deliveries to ${receiver} are not signed\n`);
  try {
    for (const [i, step] of steps(signed).entries()) {
      // Shown as a user would type it against `local`; the secret stays a {{ secret }} placeholder.
      const shown = step.sql.replaceAll('{{ workspace }}', 'local').replaceAll('{{ receiver }}', receiver);
      io.stdout.write(`\n-- ${i + 1}. ${step.title}\n${shown};\n`);
      for (const result of await engine.run(step.sql, { vars })) show(io, result);
    }
    const deliveries = await settled(engine, vars);
    io.stdout.write(`\n-- what your receiver answered (databricks_workspace.ml.webhook_deliveries)\n`);
    show(io, deliveries);
    const failed = deliveries.rows.filter((row) => typeof row[2] !== 'number' || row[2] < 200 || row[2] > 299).length;
    return failed === 0 ? 0 : 1;
  } finally {
    await engine.close();
  }
}

/** A RETURNING table, or for an EXEC (whose answer is a JSON object with ids) its summary line. */
function show(io: DemoIo, result: StatementResult): void {
  const isObject = result.columns.length === 1 && result.columns[0].type === 'json';
  if (result.columns.length > 0 && !isObject) io.stdout.write(renderResult(result, 'table', { width: Infinity }));
  else io.stdout.write(`${result.summary ?? 'done'}\n`);
}

/** The delivery log once nothing has changed for SETTLE_MS (first attempts and their retries done). */
async function settled(engine: Engine, vars: Record<string, string>): Promise<StatementResult> {
  const started = Date.now();
  let last = -1;
  let stableSince = Date.now();
  for (;;) {
    const [result] = await engine.run(DELIVERIES, { vars });
    if (result.rows.length !== last) {
      last = result.rows.length;
      stableSince = Date.now();
    }
    if ((last > 0 && Date.now() - stableSince >= SETTLE_MS) || Date.now() - started > SETTLE_MAX_MS) return result;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
