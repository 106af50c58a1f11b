import { describe, expect, test } from 'vitest';
import { checkValue, loadDefinition } from '../../src/definition/index.js';
import { fixtureText, realText } from './helpers.js';

const def = loadDefinition(realText(), 'real.yaml');

describe('values that are accepted', () => {
  test.each<[string, string, unknown]>([
    ['a string', 'description', 'nightly retrain'],
    ['a known status', 'status', 'TEST_MODE'],
    ['known events', 'events', ['MODEL_VERSION_CREATED', 'COMMENT_CREATED']],
    ['an empty events list (non-empty is a method constraint)', 'events', []],
    ['an http spec with only its required url', 'http_url_spec', { url: 'https://h.example.com/x' }],
    ['an http spec with write-only secrets', 'http_url_spec', { url: 'https://h', secret: 's', authorization: 'Bearer t', enable_ssl_verification: false }],
    ['a job spec', 'job_spec', { job_id: '42', access_token: 'dapi', workspace_url: 'https://w' }],
    ['an integer param', 'max_results', 50],
    ['a param that is not a field', 'event', 'REGISTERED_MODEL_CREATED'],
    ['the server param', 'workspace', 'local'],
    ['null, meaning not given', 'job_spec', null],
    ['an optional property given as null', 'http_url_spec', { url: 'https://h', secret: null }],
  ])('%s', (_name, name, value) => {
    expect(checkValue(def, name, value)).toEqual([]);
  });
});

describe('values that are refused, with every problem and its path', () => {
  test.each<[string, string, unknown, string[]]>([
    ['a misspelt event', 'events', ['MODEL_VERSION_CREATED', 'MODEL_VERSION_CRATED'],
      ["events[1]: 'MODEL_VERSION_CRATED' is not a RegistryWebhookEvent — did you mean 'MODEL_VERSION_CREATED'?"]],
    ['a status far from any value lists the choices', 'status', 'ON',
      ["status: 'ON' is not a RegistryWebhookStatus (one of ACTIVE, DISABLED, TEST_MODE)"]],
    ['a lower-case status suggests the upper-case one', 'status', 'active',
      ["status: 'active' is not a RegistryWebhookStatus — did you mean 'ACTIVE'?"]],
    ['events as a string, not an array', 'events', 'COMMENT_CREATED',
      ['events: expected an array, got a string ("COMMENT_CREATED")']],
    ['a number inside events', 'events', [7], ['events[0]: expected a string, got number (7)']],
    ['a misspelt property', 'http_url_spec', { urll: 'https://h' },
      ["http_url_spec: unknown property 'urll' — did you mean 'url'?", "http_url_spec: missing required property 'url'"]],
    ['a nested value of the wrong type', 'http_url_spec', { url: 'https://h', enable_ssl_verification: 'false' },
      ['http_url_spec.enable_ssl_verification: expected a boolean, got a string ("false")']],
    ['a job spec missing both required properties', 'job_spec', {},
      ["job_spec: missing required property 'job_id'", "job_spec: missing required property 'access_token'"]],
    ['a numeric job id (it is a string in this API)', 'job_spec', { job_id: 42, access_token: 't' },
      ['job_spec.job_id: expected a string, got number (42)']],
    ['an object given as an array', 'job_spec', [], ['job_spec: expected an object, got an array']],
    ['a fractional integer', 'max_results', 2.5, ['max_results: expected an integer, got number (2.5)']],
    ['an unknown name', 'model_nam', 'x', ["model_nam: unknown param or field 'model_nam' — did you mean 'model_name'?"]],
    // Found by the fuzz suite (test/reliability): each of these used to reach the API.
    ['a required property given as an empty string (the API reads it as unset)', 'http_url_spec', { url: '' },
      ["http_url_spec: missing required property 'url'"]],
    ['an empty job id and token', 'job_spec', { job_id: '', access_token: '' },
      ["job_spec: missing required property 'job_id'", "job_spec: missing required property 'access_token'"]],
    ['a page size below the minimum', 'max_results', -1, ['max_results: must be at least 1, got -1']],
    ['an integer past 2^53 (it would be sent as 1e+23)', 'max_results', 1e23, ['max_results: expected an integer, got number (1e+23)']],
  ])('%s', (_name, name, value, problems) => {
    expect(checkValue(def, name, value)).toEqual(problems);
  });

  // Found by the secret-leak suite (test/reliability): the value of a write-only property was echoed.
  test.each<[string, unknown, string]>([
    ['a secret of the wrong type', { url: 'https://h', secret: 123456789 }, 'http_url_spec.secret: expected a string, got a number'],
    ['a secret given as an object', { url: 'https://h', authorization: { token: 'hunter2-value' } }, 'http_url_spec.authorization: expected a string, got an object'],
  ])('%s is named, never shown', (_name, value, problem) => {
    const problems = checkValue(def, 'http_url_spec', value);
    expect(problems).toEqual([problem]);
    expect(problems.join()).not.toMatch(/123456789|hunter2/);
  });

  test('the path prefix is the caller’s (e.g. a row of a multi-row INSERT)', () => {
    expect(checkValue(def, 'status', 'ON', 'row 2: status')[0]).toMatch(/^row 2: status: 'ON'/);
  });
});

describe('the fixture resource uses the same checks', () => {
  const fixture = loadDefinition(fixtureText(), 'fixture.yaml');
  test.each<[string, unknown, string[]]>([
    ['kind', 'PAGR', ["kind: 'PAGR' is not a ChannelKind — did you mean 'PAGER'?"]],
    ['target', { address: 'a@b.c', verified: true }, []],
    ['target', { adress: 'a@b.c' }, ["target: unknown property 'adress' — did you mean 'address'?", "target: missing required property 'address'"]],
    ['priority', '1', ['priority: expected an integer, got a string ("1")']],
  ])('%s = %j', (name, value, problems) => {
    expect(checkValue(fixture, name, value)).toEqual(problems);
  });
});
