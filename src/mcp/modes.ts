// What an MCP client may do: read-only (the default: list, describe, query, explain, plan), safe
// (also writes, but nothing that deletes), full (everything). Enforced by the engine's access
// check on the plans, before any request, so a write cannot slip in through the query tool either.

import type { Access } from '../engine.js';

export const MCP_MODES = ['read-only', 'safe', 'full'] as const;
export type McpMode = (typeof MCP_MODES)[number];

const HINT = 'restart hookql mcp with --mode safe (writes, no deletes) or --mode full';

export function readAccess(): Access {
  return { allow: 'read', hint: 'the query tool only reads; use the execute tool (hookql mcp --mode safe or full) for writes' };
}

export function writeAccess(mode: McpMode): Access {
  switch (mode) {
    case 'read-only':
      return { allow: 'read', hint: HINT };
    case 'safe':
      return { allow: 'no-delete', hint: 'hookql mcp --mode safe never deletes; restart with --mode full to delete' };
    case 'full':
      return { allow: 'all', hint: '' };
  }
}
