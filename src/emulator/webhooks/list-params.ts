// The list endpoint's inputs. SDKs send query parameters with `events` as a repeated key; the old
// GUIDE examples sent a JSON body on GET, which is tolerated when the query carries no list parameter.

import { invalidParameter } from '../wire/api-error.js';
import { parseJsonObject } from '../wire/parse-json.js';
import type { RequestContext } from '../types.js';
import { isWebhookEvent } from './validate-fields.js';

// The legacy proto declares `max_results [default = 1000]` and its client pages by min(1000, n), so
// 1000 per page is the default and the maximum (model-registry.md §10). Answering 400 above 1000,
// rather than clamping, is UNVERIFIED.
export const DEFAULT_PAGE_SIZE = 1000;
export const MAX_PAGE_SIZE = 1000;

const LIST_KEYS = ['events', 'model_name', 'max_results', 'page_token'];

export interface ListParams {
  readonly events?: readonly string[];
  readonly modelName?: string;
  readonly maxResults?: string;
  readonly pageToken?: string;
}

export function listParams(req: RequestContext): ListParams {
  const fromQuery = LIST_KEYS.some((key) => req.query.has(key));
  const params = fromQuery || req.text.trim() === '' ? queryParams(req.query) : bodyParams(req.text);
  params.events?.forEach((event) => {
    if (!isWebhookEvent(event)) throw invalidParameter(`Invalid value '${event.slice(0, 100)}' for 'events'.`);
  });
  return params;
}

/** max_results: a whole number up to 1000; absent or 0 (what omitempty clients mean) is the default. */
export function pageSize(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_PAGE_SIZE;
  if (!/^\d{1,18}$/.test(text)) throw invalidParameter(`'max_results' must be a whole number, got '${text.slice(0, 40)}'.`);
  const size = Number(text);
  if (size > MAX_PAGE_SIZE) throw invalidParameter(`'max_results' must be at most ${MAX_PAGE_SIZE}, got ${text}.`);
  return size === 0 ? DEFAULT_PAGE_SIZE : size;
}

function queryParams(query: URLSearchParams): ListParams {
  // `events=A,B` is accepted as well as `events=A&events=B` (lenient; whether the real service does is UNVERIFIED).
  const events = query.getAll('events').flatMap((value) => value.split(',')).filter((value) => value !== '');
  return {
    events: events.length > 0 ? events : undefined,
    modelName: query.get('model_name') || undefined,
    maxResults: query.get('max_results') ?? undefined,
    pageToken: query.get('page_token') ?? undefined,
  };
}

function bodyParams(text: string): ListParams {
  const body = parseJsonObject(text) ?? {};
  const events = body.events;
  if (events !== undefined && (!Array.isArray(events) || !events.every((e) => typeof e === 'string'))) {
    throw invalidParameter("'events' must be a list of event names.");
  }
  return {
    events: events as string[] | undefined,
    modelName: typeof body.model_name === 'string' && body.model_name !== '' ? body.model_name : undefined,
    maxResults: body.max_results === undefined ? undefined : String(body.max_results),
    pageToken: typeof body.page_token === 'string' ? body.page_token : undefined,
  };
}
