// The registry's stores, and the lookups every registry route starts with (404 when missing).

import type { Db } from '../store.js';
import { ActivityStore } from './activity-store.js';
import { ModelStore } from './model-store.js';
import { modelNotFound, versionNotFound } from './registry-input.js';
import type { StoredModel, StoredVersion } from './registry-types.js';
import { VersionStore } from './version-store.js';

export class Registry {
  readonly models: ModelStore;
  readonly versions: VersionStore;
  readonly activities: ActivityStore;

  constructor(db: Db) {
    this.models = new ModelStore(db);
    this.versions = new VersionStore(db);
    this.activities = new ActivityStore(db);
  }

  model(name: string): StoredModel {
    const model = this.models.get(name);
    if (!model) throw modelNotFound(name);
    return model;
  }

  version(name: string, version: number): StoredVersion {
    this.model(name);
    const found = this.versions.get(name, version);
    if (!found) throw versionNotFound(name, version);
    return found;
  }
}
