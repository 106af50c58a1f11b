// Shapes of the model registry as stored (registry-schema.ts) and as the API returns them
// (api/model-registry.md §2). Timestamps are Unix milliseconds; `version` is a string on the wire.

export const STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;
export type Stage = (typeof STAGES)[number];

export interface Tag {
  readonly key: string;
  readonly value: string;
}

export interface StoredModel {
  readonly seq: number;
  readonly name: string;
  readonly description?: string;
  readonly user_id: string;
  readonly tags: readonly Tag[];
  readonly creation_timestamp: number;
  readonly last_updated_timestamp: number;
}

export interface StoredVersion {
  readonly seq: number;
  readonly model_name: string;
  readonly version: number;
  readonly description?: string;
  readonly user_id: string;
  readonly source: string;
  readonly run_id?: string;
  readonly run_link?: string;
  readonly current_stage: Stage;
  readonly status: 'READY';
  readonly tags: readonly Tag[];
  readonly creation_timestamp: number;
  readonly last_updated_timestamp: number;
}

export type ActivityType =
  | 'APPLIED_TRANSITION'
  | 'REQUESTED_TRANSITION'
  | 'CANCELLED_REQUEST'
  | 'APPROVED_REQUEST'
  | 'REJECTED_REQUEST'
  | 'SYSTEM_TRANSITION'
  | 'NEW_COMMENT';

export interface StoredActivity {
  readonly seq: number;
  readonly id: string;
  readonly model_name: string;
  readonly version: number;
  readonly activity_type: ActivityType;
  readonly from_stage?: string;
  readonly to_stage?: string;
  readonly comment?: string;
  readonly system_comment?: string;
  readonly user_id: string;
  readonly open: boolean;
  readonly creation_timestamp: number;
  readonly last_updated_timestamp: number;
}

export interface NewVersion {
  readonly model_name: string;
  readonly source: string;
  readonly description?: string;
  readonly run_id?: string;
  readonly run_link?: string;
  readonly tags: readonly Tag[];
}

/** What a caller gives to record an activity: the store assigns its ids and times (open by default). */
export type NewActivity = Omit<StoredActivity, 'seq' | 'id' | 'open' | 'creation_timestamp' | 'last_updated_timestamp'> & { readonly open?: boolean };
