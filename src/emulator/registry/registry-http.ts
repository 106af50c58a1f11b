// Helpers every registry route file shares.

import type { Reply } from '../types.js';

export const MLFLOW = '/api/2.0/mlflow';

export function ok(body: unknown): Reply {
  return { status: 200, body };
}
