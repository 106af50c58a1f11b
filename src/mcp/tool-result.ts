// Engine results and errors as MCP tool results. Rows go out as JSON objects (JSON columns as JSON
// values); an error is a tool error carrying hookql's code and hint, never an empty result.

import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { StatementResult } from '../result.js';
import { errorReport } from '../util/error-report.js';
import { rowObject, typedColumns } from '../util/result-values.js';

export function resultsContent(results: readonly StatementResult[]): CallToolResult {
  const statements = results.map((r) => {
    const columns = typedColumns(r);
    return {
      columns: columns.map((c) => ({ name: c.name, type: c.type })),
      rows: r.rows.map((row) => rowObject(columns, row)),
      ...(r.summary === null ? {} : { summary: r.summary }),
      requests: r.stats.requests,
      elapsed_ms: Math.round(r.stats.elapsedMs),
    };
  });
  const structured = { statements };
  return { content: [{ type: 'text', text: JSON.stringify(structured, null, 2) }], structuredContent: structured };
}

export function jsonContent(value: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], structuredContent: value };
}

export function errorContent(error: unknown, secrets: readonly string[]): CallToolResult {
  const report = errorReport(error, secrets);
  const text = `error [${report.code}]: ${report.message}${report.hint ? `\nhint: ${report.hint}` : ''}`;
  return { isError: true, content: [{ type: 'text', text }], structuredContent: { error: { code: report.code, message: report.message, hint: report.hint } } };
}
