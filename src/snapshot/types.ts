// What a snapshot reads and writes: plain data between collecting (through the engine) and storing.

import type { ColumnType } from '../result.js';

export interface SnapshotTarget {
  readonly kind: 'sqlite' | 'postgresql';
  /** A file path, or a postgresql:// URL (never printed whole: it may carry a password). */
  readonly location: string;
}

export interface TableColumn {
  readonly name: string;
  readonly type: ColumnType;
}

/** One resource's rows from the workspaces that answered, and the ones that failed. */
export interface ResourceRows {
  readonly resource: string;
  /** Table name in the store: the resource's own name (its last id part). */
  readonly table: string;
  readonly serverParam: string;
  readonly columns: readonly TableColumn[];
  /** Workspaces whose rows are complete; only their stored rows may be changed. */
  readonly complete: readonly string[];
  readonly rows: readonly StoredRow[];
  readonly failures: readonly SnapshotFailure[];
}

export interface StoredRow {
  /** workspace + id: what makes a row the same row in the next snapshot. */
  readonly key: string;
  /** sha256 of the row's values: a different hash is a change. */
  readonly hash: string;
  /** Column name → value (JSON columns as JSON values). Write-only fields never appear. */
  readonly values: Readonly<Record<string, unknown>>;
}

export interface SnapshotFailure {
  /**
   * `failed`: the read failed (the run exits 1). `unavailable`: the workspace has no such endpoint
   * (404 ENDPOINT_NOT_FOUND: an emulator-only resource on a real workspace), which is not an error.
   */
  readonly kind: 'failed' | 'unavailable';
  readonly resource: string;
  readonly workspace: string;
  readonly code: string;
  readonly message: string;
}

export interface ResourceCounts {
  readonly rows: number;
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
}

export interface SnapshotReport {
  readonly id: number;
  readonly startedAt: string;
  readonly counts: Readonly<Record<string, ResourceCounts>>;
  readonly failures: readonly SnapshotFailure[];
}
