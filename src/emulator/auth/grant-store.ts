// Direct grants on registered models: (model name, user) → permission level. The GUIDE requires CAN
// MANAGE on the model for model-scoped webhooks (model-registry.md §8). Keyed by model name because the
// emulator's webhooks know models only by name; a registry family can map its model ids onto it.

import type { Db } from '../store.js';

export const GRANTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS model_grants (
  model_name TEXT NOT NULL,
  user_name TEXT NOT NULL,
  permission_level TEXT NOT NULL,
  PRIMARY KEY (model_name, user_name)
);
`;

/** RegisteredModelPermissionLevel (GO model.go:4346; model-registry.md §2). */
export const MODEL_PERMISSION_LEVELS = [
  'CAN_EDIT',
  'CAN_MANAGE',
  'CAN_MANAGE_PRODUCTION_VERSIONS',
  'CAN_MANAGE_STAGING_VERSIONS',
  'CAN_READ',
] as const;
export type ModelPermissionLevel = (typeof MODEL_PERMISSION_LEVELS)[number];

export interface ModelGrant {
  readonly model_name: string;
  readonly user_name: string;
  readonly permission_level: ModelPermissionLevel;
}

export class GrantStore {
  constructor(private readonly db: Db) {}

  /** One level per (model, user): a new grant replaces the old one (how PATCH merges is UNVERIFIED). */
  put(grant: ModelGrant): void {
    this.db
      .prepare('INSERT OR REPLACE INTO model_grants (model_name, user_name, permission_level) VALUES (?, ?, ?)')
      .run(grant.model_name, grant.user_name, grant.permission_level);
  }

  levelOf(modelName: string, userName: string): ModelPermissionLevel | undefined {
    const row = this.db.prepare('SELECT permission_level FROM model_grants WHERE model_name = ? AND user_name = ?').get(modelName, userName) as
      | { permission_level: ModelPermissionLevel }
      | undefined;
    return row?.permission_level;
  }

  list(): ModelGrant[] {
    return this.db.prepare('SELECT model_name, user_name, permission_level FROM model_grants ORDER BY model_name, user_name').all() as ModelGrant[];
  }

  /** A renamed model keeps its grants (the registry family renames models). */
  renameModel(from: string, to: string): void {
    this.db.prepare('UPDATE OR REPLACE model_grants SET model_name = ? WHERE model_name = ?').run(to, from);
  }

  clear(): void {
    this.db.prepare('DELETE FROM model_grants').run();
  }
}
