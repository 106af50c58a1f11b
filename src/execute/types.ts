// The port execute/ offers the engine: run planned requests against resolved workspaces.

import type { ServerDef } from '../definition/types.js';
import type { ApiRequest } from '../plan/types.js';

export interface ResponsePage {
  /** The workspace the page came from (as the user wrote it). */
  readonly workspace: string;
  /** The rows at the request's objectKey (an empty array when the key is absent). */
  readonly items: readonly unknown[];
}

export interface ExecutorStats {
  requests: number;
  retries: number;
  pages: number;
}

export interface Executor {
  /** Every page of a (paginated) list request, in order, until the server stops sending a token. */
  pages(request: ApiRequest, signal?: AbortSignal): AsyncIterable<ResponsePage>;
  /** One call; resolves to the value at objectKey (or the whole body, or an alternative key). */
  call(request: ApiRequest, signal?: AbortSignal): Promise<unknown>;
  /**
   * Resolves a workspace (URL, profile, credentials) without sending anything: a ConfigError here
   * lets the engine refuse a statement before any of its requests go out.
   */
  resolve(workspace: string, server?: ServerDef): Promise<void>;
  readonly stats: ExecutorStats;
  /** Closes pools and the embedded local workspace if one was started. */
  close(): Promise<void>;
}
