// `hookql mcp --http 0`: the streamable HTTP transport, driven by the SDK's own HTTP client.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { tempHome } from '../helpers/temp-home.js';

const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

describe('hookql mcp --http', () => {
  it('prints its URL first and serves the tools over streamable HTTP', async () => {
    const child = spawn(process.execPath, [bin, 'mcp', '--http', '0'], { env: { PATH: process.env.PATH ?? '', HOOKQL_HOME: tempHome() } });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c) => {
          out += c;
          if (out.includes('\n')) resolve(out.split('\n')[0]);
        });
        child.on('exit', (code) => reject(new Error(`mcp exited ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
      const client = new Client({ name: 'hookql-test', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(url)));
      expect((await client.listTools()).tools.map((t) => t.name)).toContain('query');
      const r = await client.callTool({ name: 'query', arguments: { sql: "SELECT count(*) AS n FROM databricks_workspace.ml.model_registry_webhooks WHERE workspace = 'local'" } });
      expect(r.structuredContent).toMatchObject({ statements: [{ rows: [{ n: 0 }] }] });
      await client.close();
    } finally {
      child.kill('SIGTERM');
    }
  });
});
