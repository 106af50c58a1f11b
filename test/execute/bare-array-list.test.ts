// A list method whose rows are the whole body (objectKey: null) may answer a bare JSON array, as the
// Account API lists workspaces; its rows are still checked against the declared fields, and any other
// method's bare array is still not an answer.
import { describe, expect, it } from 'vitest';
import type { ResponseShape } from '../../src/definition/response-shape.js';
import { checkResponse } from '../../src/execute/check-response.js';

const field = (name: string, type: 'string' | 'integer') => ({ name, type, description: '', enum: null, items: null, properties: [], required: false, writeOnly: false, readOnly: false, minimum: null });
const shape = (over: Partial<ResponseShape>): ResponseShape => ({ kind: 'list', objectKey: null, alternativeKeys: [], requiredId: null, pageToken: null, fields: [field('workspace_id', 'integer'), field('deployment_name', 'string')], ...over });

describe('a bare array as a list body', () => {
  it('is rows when the list has no objectKey', () => {
    expect(checkResponse([{ workspace_id: 1, deployment_name: 'dbc-1' }, { workspace_id: '2' }], shape({}))).toBeNull();
  });

  it('still has its rows checked', () => {
    expect(checkResponse([{ workspace_id: 1 }, { workspace_id: 'x' }], shape({}))).toEqual({ kind: 'mismatch', message: '$[1].workspace_id: expected integer, got string' });
    expect(checkResponse([3], shape({}))).toMatchObject({ kind: 'mismatch', message: expect.stringContaining('$[0]: expected object') });
  });

  it.each([
    ['a list with an objectKey', shape({ objectKey: '$.workspaces' })],
    ['a call', shape({ kind: 'call' })],
  ])('is no answer for %s', (_name, s) => {
    expect(checkResponse([{ workspace_id: 1 }], s)).toEqual({ kind: 'mismatch', message: '$: expected object, got array' });
  });
});
