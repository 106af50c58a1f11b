// The MCP server: hookql's tools over one engine session. Each tool turns its arguments into engine
// calls and its results or typed errors into tool results; every call is logged.

import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { applyManifestText, planManifestText, type Engine } from '../engine.js';
import { InvalidValueError } from '../errors.js';
import { VERSION } from '../version.js';
import { redactText } from '../util/redact.js';
import { callLogger } from './call-log.js';
import { readAccess, writeAccess, type McpMode } from './modes.js';
import { errorContent, jsonContent, resultsContent } from './tool-result.js';

export interface McpServerOptions {
  readonly engine: Engine;
  readonly mode: McpMode;
  /** Where `{{ env.NAME }}` in manifests is read from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Credentials from the environment, scrubbed from errors and logs. */
  readonly secrets: readonly string[];
  readonly log: (line: string) => void;
}

const vars = z.record(z.string(), z.string()).optional().describe('values for {{ name }} placeholders');

export function createMcpServer(options: McpServerOptions): McpServer {
  const { engine, mode } = options;
  const server = new McpServer({ name: 'hookql', version: VERSION });
  const log = callLogger(engine.registry, options.secrets, options.log);

  /** Runs a tool body; a thrown error becomes a tool error (with code and hint), and is logged. */
  const tool = (name: string, body: (args: Record<string, unknown>) => Promise<CallToolResult>) => async (args: Record<string, unknown>) => {
    const started = performance.now();
    try {
      const result = await body(args);
      log(name, args, `ok in ${Math.round(performance.now() - started)} ms`);
      return result;
    } catch (e) {
      const result = errorContent(e, options.secrets);
      log(name, args, `error ${(result.structuredContent as { error: { code: string } }).error.code}`);
      return result;
    }
  };

  server.registerTool(
    'list_resources',
    { description: 'List the SQL resources (tables) hookql knows, with what each one holds.', annotations: { readOnlyHint: true } },
    tool('list_resources', async () =>
      jsonContent({ resources: [...engine.registry.resources.values()].map((d) => ({ id: d.id, title: d.title, description: d.description })) }),
    ),
  );

  server.registerTool(
    'describe_resource',
    {
      description: "A resource's columns (with types), the params its WHERE takes (e.g. workspace), and example statements.",
      inputSchema: { resource: z.string().describe('provider.service.resource, e.g. databricks_workspace.ml.model_registry_webhooks') },
      annotations: { readOnlyHint: true },
    },
    tool('describe_resource', async (args) => {
      const name = String(args.resource);
      if (!/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*){2}$/.test(name)) throw new InvalidValueError(`'${name}' is not a resource name`, { hint: 'use provider.service.resource; list_resources lists them' });
      const [columns] = await engine.run(`DESCRIBE ${name}`);
      const def = [...engine.registry.resources.values()].find((d) => d.id.toLowerCase() === name.toLowerCase());
      return jsonContent({ ...(resultsContent([columns]).structuredContent as Record<string, unknown>), examples: def?.examples ?? [] });
    }),
  );

  server.registerTool(
    'query',
    {
      description: 'Run SQL that reads (SELECT, SHOW, DESCRIBE) against live APIs; writes are refused. Every SELECT on a resource needs its server param, e.g. WHERE workspace = \'local\'.',
      inputSchema: { sql: z.string().describe('one or more statements separated by ;'), vars },
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    tool('query', async (args) => resultsContent(await engine.run(String(args.sql), { vars: varsOf(args), access: readAccess() }))),
  );

  server.registerTool(
    'explain',
    {
      description: 'Show the API requests a statement would send and the local SQL it would run, sending nothing.',
      inputSchema: { sql: z.string().describe('one statement'), vars },
      annotations: { readOnlyHint: true },
    },
    tool('explain', async (args) => resultsContent(await engine.run(`EXPLAIN ${String(args.sql)}`, { vars: varsOf(args) }))),
  );

  server.registerTool(
    'plan_manifest',
    {
      description: 'Compare a manifest (YAML text, as hookql apply takes) with the live state: what apply would create, update or delete. Changes nothing.',
      inputSchema: { manifest: z.string().describe('the manifest YAML'), vars, prune: z.boolean().optional().describe('also plan deleting live rows no entry matches') },
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    tool('plan_manifest', async (args) => {
      const planned = await planManifestText(engine, String(args.manifest), { file: 'manifest.yaml', vars: varsOf(args), env: options.env, prune: args.prune === true ? 'workspaces' : 'off' });
      return jsonContent(planned.document);
    }),
  );

  if (mode !== 'read-only') {
    server.registerTool(
      'execute',
      {
        description: mode === 'safe' ? 'Run SQL that writes (INSERT, UPDATE, EXEC); deletes are refused in safe mode.' : 'Run SQL that writes (INSERT, UPDATE, DELETE, EXEC).',
        inputSchema: { sql: z.string().describe('one or more statements separated by ;'), vars },
        annotations: { readOnlyHint: false, destructiveHint: mode === 'full', openWorldHint: true },
      },
      tool('execute', async (args) => resultsContent(await engine.run(String(args.sql), { vars: varsOf(args), access: writeAccess(mode) }))),
    );
    server.registerTool(
      'apply_manifest',
      {
        description:
          mode === 'safe'
            ? 'Apply a manifest (YAML text): create and update to match it. Safe mode never prunes (deletes).'
            : 'Apply a manifest (YAML text): create and update to match it; with prune, also delete live rows no entry matches.',
        inputSchema: { manifest: z.string().describe('the manifest YAML'), vars, ...(mode === 'full' ? { prune: z.boolean().optional() } : {}) },
        annotations: { readOnlyHint: false, destructiveHint: mode === 'full', idempotentHint: true, openWorldHint: true },
      },
      tool('apply_manifest', async (args) => {
        const prune = mode === 'full' && args.prune === true ? 'workspaces' : 'off';
        const applied = await applyManifestText(engine, String(args.manifest), { file: 'manifest.yaml', vars: varsOf(args), env: options.env, prune });
        const result = jsonContent(JSON.parse(redactText(JSON.stringify(applied.document), applied.secrets)) as Record<string, unknown>);
        return applied.failed > 0 ? { ...result, isError: true } : result;
      }),
    );
  }
  return server;
}

function varsOf(args: Record<string, unknown>): Record<string, string> {
  return (args.vars as Record<string, string> | undefined) ?? {};
}
