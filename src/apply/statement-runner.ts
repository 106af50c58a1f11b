// The parts of the engine apply needs: run SQL with vars, and list live rows. Ports, so unit tests
// can record statements and answer listings.

import type { ListQuery } from '../parse/list-statement.js';
import type { StatementResult } from '../result.js';

export interface StatementRunner {
  /** Optional (engine.prepare): a `$n` template parsed once; `run(params)` ≡ run(the bound text). */
  prepare?(sql: string): { run(params: readonly string[], options?: { readonly signal?: AbortSignal }): Promise<StatementResult[]> };
  run(sql: string, options?: { readonly vars?: Readonly<Record<string, string>>; readonly signal?: AbortSignal }): Promise<StatementResult[]>;
}

/** engine.list: the rows of one resource whose param is in a list (how live state is read). */
export interface RowLister {
  list(query: ListQuery, options?: { readonly signal?: AbortSignal }): Promise<StatementResult>;
}
