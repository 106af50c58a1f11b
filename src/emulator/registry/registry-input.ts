// Input checks shared by the registry routes: names, versions, stages, tags and the error texts.
// Every failure is 400 INVALID_PARAMETER_VALUE or 404 RESOURCE_DOES_NOT_EXIST naming the thing.

import { ApiError, invalidParameter } from '../wire/api-error.js';
import type { JsonObject } from '../wire/parse-json.js';
import type { Principal } from '../types.js';
import { optionalString } from '../webhooks/validate-fields.js';
import { STAGES, type Stage, type Tag } from './registry-types.js';

const MAX_NAME = 100; // APIDOC: name [1 .. 100] characters
const MAX_TEXT = 65_535; // APIDOC: description and comments
const MAX_TAG_KEY = 250;
const MAX_TAG_VALUE = 5000;

/** The caller's user_id: the user (or service principal) its token belongs to. */
export function userIdOf(principal: Principal | undefined): string {
  return principal?.userName ?? 'unknown';
}

export function modelName(value: string | null | undefined, key = 'name'): string {
  if (value === undefined || value === null || value === '') throw invalidParameter(`Missing required field: ${key}`);
  if (value.length > MAX_NAME) throw invalidParameter(`'${key}' must be at most ${MAX_NAME} characters.`);
  return value;
}

/** `version` is a string of digits on the wire ("1"); a JSON number is tolerated. */
export function versionNumber(value: unknown): number {
  if (value === undefined || value === null || value === '') throw invalidParameter('Missing required field: version');
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^[1-9]\d{0,9}$/.test(text)) throw invalidParameter(`'version' must be a version number such as "1", got '${String(value).slice(0, 40)}'.`);
  return Number(text);
}

export function stage(value: unknown, key = 'stage'): Stage {
  if (value === undefined || value === null || value === '') throw invalidParameter(`Missing required field: ${key}`);
  // The service compares stages case-insensitively in OSS MLflow; the canonical spelling is stored.
  const found = STAGES.find((s) => typeof value === 'string' && s.toLowerCase() === value.toLowerCase());
  if (!found) throw invalidParameter(`Invalid value '${String(value).slice(0, 40)}' for '${key}'. Valid values: ${STAGES.join(', ')}.`);
  return found;
}

export function optionalText(body: JsonObject, key: string): string | undefined {
  const value = optionalString(body, key);
  if (value !== undefined && value.length > MAX_TEXT) throw invalidParameter(`'${key}' must be at most ${MAX_TEXT} characters.`);
  return value;
}

export function requiredText(body: JsonObject, key: string): string {
  const value = optionalText(body, key);
  if (value === undefined || value === '') throw invalidParameter(`Missing required field: ${key}`);
  return value;
}

/** archive_existing_versions: required by the SDKs; an absent one is taken as false (UNVERIFIED default). */
export function optionalBoolean(body: JsonObject, key: string): boolean {
  const value = body[key];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw invalidParameter(`'${key}' must be a boolean.`);
  return value;
}

export function tag(key: unknown, value: unknown): Tag {
  if (typeof key !== 'string' || key === '') throw invalidParameter('Missing required field: key');
  if (key.length > MAX_TAG_KEY) throw invalidParameter(`Tag key must be at most ${MAX_TAG_KEY} characters.`);
  if (value === undefined || value === null) throw invalidParameter('Missing required field: value');
  if (typeof value !== 'string') throw invalidParameter("'value' must be a string.");
  if (value.length > MAX_TAG_VALUE) throw invalidParameter(`Tag value must be at most ${MAX_TAG_VALUE} characters.`);
  return { key, value };
}

export function tagList(value: unknown): Tag[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidParameter("'tags' must be a list of {key, value} objects.");
  return value.map((item) => {
    if (typeof item !== 'object' || item === null) throw invalidParameter("'tags' must be a list of {key, value} objects.");
    const t = item as JsonObject;
    return tag(t.key, t.value);
  });
}

// The texts below follow the one observed message ("RegisteredModel '…' does not exist. It might
// have been deleted.", dbdemos#46); the others are UNVERIFIED in the same style.
export function modelNotFound(name: string): ApiError {
  return new ApiError(404, 'RESOURCE_DOES_NOT_EXIST', `RegisteredModel '${name}' does not exist. It might have been deleted.`);
}

export function versionNotFound(name: string, version: number): ApiError {
  return new ApiError(404, 'RESOURCE_DOES_NOT_EXIST', `ModelVersion (name=${name}, version=${version}) does not exist. It might have been deleted.`);
}

export function modelExists(name: string): ApiError {
  // 400, not 409: the workspace registry's RESOURCE_ALREADY_EXISTS (mlflow/mlflow#8219; status UNVERIFIED).
  return new ApiError(400, 'RESOURCE_ALREADY_EXISTS', `Registered Model (name=${name}) already exists.`);
}

/** Deleting a tag the object does not have: RESOURCE_DOES_NOT_EXIST is the likely answer (UNVERIFIED). */
export function tagNotFound(what: string, key: string): ApiError {
  return new ApiError(404, 'RESOURCE_DOES_NOT_EXIST', `${what} has no tag with key '${key}'.`);
}
