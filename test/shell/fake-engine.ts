// A stand-in for the engine port: a one-resource registry and a run() whose behaviour is chosen by
// words in the SQL ("slow", "boom", …), recording every call so tests can assert what the shell sent.

import { ApiError, CancelledError, SqlSyntaxError } from '../../src/errors.js';
import type { FieldDef, MethodDef, ParamDef, Registry, ResourceDefinition } from '../../src/definition/types.js';
import type { Progress, StatementResult } from '../../src/result.js';
import type { ShellEngine, ShellEngineOptions, ShellRunOptions } from '../../src/cli/shell/index.js';

export const RESOURCE = 'databricks_workspace.ml.model_registry_webhooks';

const field = (name: string, type: FieldDef['type'] = 'string'): FieldDef => ({
  // `events` and `status` take their values from the enums of the same names below.
  name, type, description: name, enum: name === 'events' || name === 'status' ? name : null, items: null, properties: [], required: false, writeOnly: false, readOnly: false,
});
const param = (name: string, local: ParamDef['local']): ParamDef => ({
  name, type: 'string', description: name, enum: null, items: null, local, column: null,
});
const method = (name: string, inputs: string[], required: string[]): MethodDef => ({
  name, description: name, httpMethod: 'POST', path: `/api/${name}`, inputs: inputs.map((n) => ({ name: n, in: 'body' })),
  required, objectKey: null, alternativeKeys: [], pagination: null, constraints: [], pastTense: `${name}d`,
  retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0, retryOn: [], retryNetworkErrors: false, mode: 'never', notFoundAfterRetryIsSuccess: false },
});

const definition: ResourceDefinition = {
  id: RESOURCE, provider: 'databricks_workspace', service: 'ml', name: 'model_registry_webhooks', title: 'webhooks',
  description: '', noun: { singular: 'webhook', plural: 'webhooks' }, serverParam: 'workspace', idField: 'id', naturalKey: [],
  fields: ['id', 'model_name', 'description', 'status'].map((n) => field(n)).concat([field('events', 'array'), field('http_url_spec', 'object')]),
  params: [param('workspace', 'server'), param('max_results', 'request'), param('page_token', 'request')],
  enums: { events: ['MODEL_VERSION_CREATED', 'MODEL_VERSION_TRANSITIONED_TO_PRODUCTION'], status: ['ACTIVE', 'DISABLED'] },
  methods: {
    list: method('list', ['max_results'], ['workspace']),
    delete: method('delete', ['id'], ['workspace', 'id']),
    test: method('test', ['id', 'event'], ['workspace', 'id']),
  },
  sqlVerbs: { select: 'list', insert: null, update: null, delete: 'delete' }, examples: [], source: 'fake.yaml',
};

export const registry: Registry = { resources: new Map([[RESOURCE, definition]]) };

export interface RunCall {
  readonly sql: string;
  readonly options: ShellRunOptions;
}

const stats = { requests: 1, retries: 0, pages: 1, fetched: 2, elapsedMs: 12 };

function rows(): StatementResult {
  return {
    statement: 'SELECT', summary: null, stats,
    columns: [{ name: 'id', type: 'text' }, { name: 'model_name', type: 'text' }, { name: 'events', type: 'json' }, { name: 'description', type: 'text' }],
    rows: [['wh-1', 'churn-model', '["MODEL_VERSION_CREATED"]', null], ['wh-2', 'fraud', '[]', 'nightly']],
  };
}

/** Rejects with CancelledError when the signal aborts; resolves after `ms` otherwise. */
function slow(signal: AbortSignal | undefined, ms: number, progress?: (p: Progress) => void): Promise<StatementResult[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve([rows()]), ms);
    progress?.({ fetched: 3400, workspaces: 2, noun: 'webhooks' });
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new CancelledError('statement cancelled', { hint: 'in-flight requests were aborted' }));
    });
  });
}

export function fakeEngine(options: ShellEngineOptions = {}): ShellEngine & { calls: RunCall[]; closed: boolean } {
  const calls: RunCall[] = [];
  const engine = {
    registry, calls, closed: false,
    async run(sql: string, run: ShellRunOptions = {}): Promise<StatementResult[]> {
      calls.push({ sql, options: run });
      if (/\bslow\b/i.test(sql)) return slow(run.signal, 10_000, options.onProgress);
      if (/\bboom\b/i.test(sql)) {
        throw new ApiError({ status: 404, errorCode: 'RESOURCE_DOES_NOT_EXIST', apiMessage: 'no such webhook', httpMethod: 'GET', path: '/api/x', workspace: 'local' });
      }
      if (/\bsyntax\b/i.test(sql)) throw new SqlSyntaxError('unexpected word', 1, 8, { hint: 'check the statement' });
      if (/^\s*insert/i.test(sql)) return [{ statement: sql, columns: [], rows: [], summary: '1 webhook created', stats }];
      if (/\bsettings\b/i.test(sql)) {
        const row = [run.defaultWorkspace ?? null, JSON.stringify(run.vars ?? {})];
        return [{ statement: sql, columns: [{ name: 'workspace', type: 'text' }, { name: 'vars', type: 'json' }], rows: [row], summary: null, stats }];
      }
      return [rows()];
    },
    async close() {
      engine.closed = true;
    },
  };
  return engine;
}
