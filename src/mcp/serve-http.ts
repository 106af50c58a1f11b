// The streamable HTTP transport, stateless: each POST /mcp gets a fresh protocol server over the
// same engine session. Loopback by default, with DNS-rebinding protection (only the host it
// listens on is accepted in the Host header), since a browser page could otherwise reach it.

import { createServer } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

export interface RunningMcpHttp {
  /** http://HOST:PORT/mcp */
  readonly url: string;
  close(): Promise<void>;
}

export async function serveMcpHttp(makeServer: () => McpServer, host: string, port: number): Promise<RunningMcpHttp> {
  let allowedHosts: string[] = [];
  const http = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/mcp') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('hookql mcp: the endpoint is /mcp\n');
      return;
    }
    const server = makeServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true, enableDnsRebindingProtection: true, allowedHosts });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    void server.connect(transport).then(() => transport.handleRequest(req, res));
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => resolve());
  });
  const bound = (http.address() as { port: number }).port;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  allowedHosts = [`${hostPart}:${bound}`, `localhost:${bound}`];
  return {
    url: `http://${hostPart}:${bound}/mcp`,
    close: () => new Promise((resolve) => {
      http.close(() => resolve());
      http.closeAllConnections();
    }),
  };
}
