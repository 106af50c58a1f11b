// What a resource family (webhooks/, jobs/, oauth/, …) hands the root: its tables, its routes, the
// paths it serves without a token, and how to empty its state. Families are listed in families.ts;
// the router concatenates their route tables, so adding a family never edits another one.

import type { EmulatorContext, RouteTable } from './emulator-context.js';

export interface EmulatorFamily {
  readonly name: string;
  /** `CREATE TABLE IF NOT EXISTS …` statements for the family's state, run when the file opens. */
  readonly schema?: string;
  readonly routes: (ctx: EmulatorContext) => RouteTable;
  /** Paths answered without authentication (discovery documents, the token endpoint). */
  readonly publicPaths?: readonly string[] | ((ctx: EmulatorContext) => readonly string[]);
  /** Empties the family's state for POST /__emulator/reset. */
  readonly reset?: (ctx: EmulatorContext) => void;
}

/** Every family's schema, in order, for openDatabase(). */
export function schemaOf(families: readonly EmulatorFamily[]): string {
  return families.map((family) => family.schema ?? '').join('\n');
}
