// The emulator's own admin endpoint under /__emulator/ (admin token only): look at what it saw and
// did, change faults at run time, reset the state, seed webhooks in bulk for benchmarks, and set up
// principals: users with their own PATs, and permission grants on registered models.

import { randomBytes } from 'node:crypto';
import { invalidParameter } from '../wire/api-error.js';
import { ADMIN_USER, requireAdmin } from '../auth/authenticator.js';
import type { EmulatorContext, RouteTable } from '../emulator-context.js';
import type { EmulatorFamily } from '../family.js';
import { parseJson, parseJsonObject } from '../wire/parse-json.js';
import type { Handler } from '../types.js';
import type { NewWebhook } from '../webhooks/webhook-types.js';
import { rejectUnknownFields, requiredString, validateEvents, validateStatus } from '../webhooks/validate-fields.js';
import { MODEL_PERMISSION_LEVELS, type ModelPermissionLevel } from '../auth/grant-store.js';

export const ADMIN_PREFIX = '/__emulator/';
const MAX_SEED = 100_000;

export function adminRoutes(ctx: EmulatorContext, families: readonly EmulatorFamily[]): RouteTable {
  const table: Record<string, Record<string, Handler>> = {
    requests: { GET: (req) => ok({ requests: ctx.log.requests.list(since(req.query)) }) },
    deliveries: { GET: (req) => ok({ deliveries: ctx.log.deliveries.list(since(req.query)) }) },
    runs: { GET: () => ok({ runs: ctx.runs.list() }) },
    faults: { GET: () => ok(ctx.faults.report()), POST: setFaultsHandler(ctx) },
    reset: { POST: resetHandler(ctx, families) },
    seed: { POST: seedHandler(ctx) },
    users: { GET: () => ok({ users: ctx.users.list() }), POST: addUserHandler(ctx) },
    permissions: { GET: () => ok({ grants: ctx.grants.list() }), POST: grantHandler(ctx) },
  };
  return Object.fromEntries(
    Object.entries(table).map(([name, methods]) => [ADMIN_PREFIX + name, mapValues(methods, adminOnly)]),
  );
}

function adminOnly(handler: Handler): Handler {
  return (req) => {
    requireAdmin(req.principal);
    return handler(req);
  };
}

function setFaultsHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    try {
      ctx.faults.set(faultSpecText(req.text));
    } catch (error) {
      throw invalidParameter(error instanceof Error ? error.message : String(error));
    }
    return ok(ctx.faults.report());
  };
}

/** The body is the SPEC itself (text/plain), or a JSON string, or {"spec": "..."}. */
function faultSpecText(text: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('"')) return trimmed;
  const value = parseJson(trimmed);
  if (typeof value === 'string') return value;
  const spec = (value as Record<string, unknown>).spec;
  if (typeof spec !== 'string') throw invalidParameter("The body must be a fault spec, or {\"spec\": \"...\"}.");
  return spec;
}

/** Empties the workspace (every family's state, logs, fault counters); the fault spec and issued tokens stay. */
function resetHandler(ctx: EmulatorContext, families: readonly EmulatorFamily[]): Handler {
  return () => {
    for (const family of families) family.reset?.(ctx);
    ctx.log.clear();
    ctx.faults.resetCounts();
    return ok({});
  };
}

function seedHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const body = parseJsonObject(req.text) ?? {};
    rejectUnknownFields(body, ['count', 'model_names', 'events', 'status', 'registered_models']);
    // registered_models: names of models to create first (benchmarks of registry JOINs); count may then be 0.
    const models = body.registered_models === undefined ? [] : seedModelNames(body.registered_models, 'registered_models');
    const count = body.count ?? 0;
    const least = models.length > 0 ? 0 : 1;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < least || count > MAX_SEED) {
      throw invalidParameter(`'count' must be a whole number from ${least} to ${MAX_SEED}.`);
    }
    const names = seedModelNames(body.model_names, 'model_names');
    const events = body.events === undefined ? ['MODEL_VERSION_CREATED' as const] : validateEvents(body.events);
    const status = validateStatus(body.status) ?? 'ACTIVE';
    const batch = randomBytes(4).toString('hex');
    const webhooks = Array.from({ length: count }, (_, i): NewWebhook => ({
      model_name: names[i % names.length],
      events,
      status,
      // Distinct URLs keep each seeded hook's natural key (model, target) unique. Never delivered to
      // unless a test call asks; hooks.example.com is a reserved, unroutable-in-practice name.
      http_url_spec: { url: `https://hooks.example.com/seed/${batch}/${i}`, enable_ssl_verification: true },
    }));
    const created = count > 0 ? ctx.webhooks.insertMany(webhooks) : 0;
    const registered = models.length > 0 ? ctx.registry.models.insertMany(models, req.principal?.userName ?? ADMIN_USER) : 0;
    return ok(models.length > 0 ? { created, registered_models: registered } : { created });
  };
}

/** {user_name, token, admin?}: the token then authenticates as that user (never echoed back). */
function addUserHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const body = parseJsonObject(req.text) ?? {};
    rejectUnknownFields(body, ['user_name', 'token', 'admin']);
    const userName = requiredString(body, 'user_name');
    const token = requiredString(body, 'token');
    if (!/^\S{8,256}$/.test(token)) throw invalidParameter("'token' must be 8 to 256 characters without spaces.");
    if (body.admin !== undefined && typeof body.admin !== 'boolean') throw invalidParameter("'admin' must be a boolean.");
    const user = { user_name: userName, admin: body.admin === true };
    ctx.users.put(user, token);
    return ok(user);
  };
}

/** {model_name, user_name, permission_level}: a direct grant on a registered model. */
function grantHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const body = parseJsonObject(req.text) ?? {};
    rejectUnknownFields(body, ['model_name', 'user_name', 'permission_level']);
    const level = requiredString(body, 'permission_level');
    if (!(MODEL_PERMISSION_LEVELS as readonly string[]).includes(level)) {
      throw invalidParameter(`Invalid value '${level.slice(0, 60)}' for 'permission_level'. Valid values: ${MODEL_PERMISSION_LEVELS.join(', ')}.`);
    }
    const grant = { model_name: requiredString(body, 'model_name'), user_name: requiredString(body, 'user_name'), permission_level: level as ModelPermissionLevel };
    ctx.grants.put(grant);
    return ok(grant);
  };
}

function seedModelNames(value: unknown, key: string): string[] {
  if (value === undefined || value === null) return ['seed-model'];
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string' && v !== '')) {
    throw invalidParameter(`'${key}' must be a non-empty list of model names.`);
  }
  return value as string[];
}

function since(query: URLSearchParams): number {
  const text = query.get('since');
  if (text === null) return 0;
  if (!/^\d{1,15}$/.test(text)) throw invalidParameter("'since' must be a whole number.");
  return Number(text);
}

function ok(body: unknown) {
  return { status: 200, body };
}

function mapValues<T, U>(record: Record<string, T>, fn: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)]));
}
