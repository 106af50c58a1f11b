// mcp/: hookql as a Model Context Protocol server (the official SDK), over stdio or streamable HTTP.
export { createMcpServer, type McpServerOptions } from './create-server.js';
export { MCP_MODES, type McpMode } from './modes.js';
export { serveMcpHttp } from './serve-http.js';
