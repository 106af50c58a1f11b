// The model registry's tables, in the emulator's one SQLite file next to the webhooks (CREATE … IF NOT
// EXISTS, so an older local.db simply gains them when it is opened).

export const REGISTRY_SCHEMA = `
CREATE TABLE IF NOT EXISTS registered_models (
  -- seq: the workspace object id (ModelDatabricks.id) and never reused.
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  description TEXT,
  user_id TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]',
  -- Versions are numbered per model and never reused, even after a delete (the OSS convention).
  last_version INTEGER NOT NULL DEFAULT 0,
  creation_timestamp INTEGER NOT NULL,
  last_updated_timestamp INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS model_versions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  model_name TEXT NOT NULL,
  version INTEGER NOT NULL,
  description TEXT,
  user_id TEXT NOT NULL,
  source TEXT NOT NULL,
  run_id TEXT,
  run_link TEXT,
  current_stage TEXT NOT NULL,
  status TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]',
  creation_timestamp INTEGER NOT NULL,
  last_updated_timestamp INTEGER NOT NULL,
  UNIQUE (model_name, version)
);
-- Transition requests, applied transitions and comments are all activities and share one id space
-- (the SDK calls a comment id "Unique identifier of an activity").
CREATE TABLE IF NOT EXISTS registry_activities (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  model_name TEXT NOT NULL,
  version INTEGER NOT NULL,
  activity_type TEXT NOT NULL,
  from_stage TEXT,
  to_stage TEXT,
  comment TEXT,
  system_comment TEXT,
  user_id TEXT NOT NULL,
  -- 1 for a transition request still open; 0 for everything else.
  open INTEGER NOT NULL DEFAULT 0,
  creation_timestamp INTEGER NOT NULL,
  last_updated_timestamp INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS activities_by_version ON registry_activities (model_name, version, seq);
`;
