// `hookql mcp`: the MCP server, over stdio (the default: an MCP client starts it) or streamable
// HTTP (--http PORT; prints its URL as the first line of stdout). Logs each tool call on stderr.

import { Command, InvalidArgumentError, Option } from 'commander';
import { envSecrets, isDebug, type CliIo } from './io.js';
import { untilStopped } from './until-stopped.js';

interface Flags {
  mode: 'read-only' | 'safe' | 'full';
  http?: number;
  host: string;
}

export interface McpCommandIo extends CliIo {
  readonly signal?: AbortSignal;
}

export function mcpCommand(io: McpCommandIo): Command {
  return new Command('mcp')
    .description('serve hookql to AI agents over the Model Context Protocol (stdio, or streamable HTTP with --http)')
    .addOption(new Option('--mode <mode>', 'read-only | safe (writes, no deletes) | full').choices(['read-only', 'safe', 'full']).default('read-only'))
    .option('--http <port>', 'serve streamable HTTP on this port instead of stdio (0 picks a free port)', port)
    .option('--host <address>', 'with --http: interface to listen on', '127.0.0.1')
    .action(async (flags: Flags) => {
      await serve(flags, io);
    });
}

async function serve(flags: Flags, io: McpCommandIo): Promise<void> {
  const { createMcpServer, serveMcpHttp } = await import('../mcp/index.js');
  const engine = io.createEngine({ env: io.env, debug: isDebug(io.env) ? (line) => io.stderr.write(`debug: ${line}\n`) : undefined });
  const make = () => createMcpServer({ engine, mode: flags.mode, env: io.env, secrets: envSecrets(io.env), log: (line) => io.stderr.write(line) });
  try {
    if (flags.http !== undefined) {
      const http = await serveMcpHttp(make, flags.host, flags.http);
      io.stdout.write(`${http.url}\n`);
      io.stderr.write(`hookql mcp: streamable HTTP on ${http.url} (mode ${flags.mode}); press Ctrl+C to stop\n`);
      await untilStopped(io.signal);
      await http.close();
      return;
    }
    const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
    const transport = new StdioServerTransport(io.stdin as NodeJS.ReadStream, io.stdout as NodeJS.WriteStream);
    const closed = new Promise<void>((resolve) => (transport.onclose = resolve));
    io.stdin.on('end', () => void transport.close());
    await make().connect(transport);
    io.stderr.write(`hookql mcp: serving on stdio (mode ${flags.mode})\n`);
    await Promise.race([closed, untilStopped(io.signal)]);
  } finally {
    await engine.close();
  }
}

function port(value: string): number {
  const n = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 0 && n <= 65535)) throw new InvalidArgumentError('--http needs a port from 0 to 65535.');
  return n;
}
