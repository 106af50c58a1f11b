import { describe, expect, test } from 'vitest';
import { loadDefinition } from '../../src/definition/index.js';
import { DefinitionError } from '../../src/errors.js';
import { issuesOf, mutated, realText } from './helpers.js';

// Each case breaks the real definition in one place and names the issue it must produce.
const cases: [string, (d: any) => void, string, string][] = [
  // shape (zod)
  ['a method misses its path', (d) => delete d.methods.list.path, 'methods.list.path', 'missing (expected string)'],
  ['a key is misspelt', (d) => { d.methods.update.requried = [...d.methods.update.required]; }, 'methods.update', "unknown key 'requried' — did you mean 'required'?"],
  ['an HTTP method is unknown', (d) => { d.methods.list.httpMethod = 'GETT'; }, 'methods.list.httpMethod', "did you mean 'GET'?"],
  ['a field type is unknown', (d) => { d.fields.id.type = 'str'; }, 'fields.id.type', "'str' is not one of string, integer"],
  ['an objectKey is not a dotted path', (d) => { d.methods.list.objectKey = 'webhooks'; }, 'methods.list.objectKey', "must look like '$.key'"],
  ['a constraint kind is unknown', (d) => { d.methods.create.constraints[0].kind = 'one-of'; }, 'methods.create.constraints[0].kind', 'is not one of exactly-one-of'],
  ['a field name is not snake_case', (d) => { d.fields['Bad-Name'] = { type: 'string' }; }, 'fields.Bad-Name', "invalid name 'Bad-Name'"],
  ['retry attempts is zero', (d) => { d.methods.list.retry.attempts = 0; }, 'methods.list.retry.attempts', 'must be at least 1'],
  // references (typed model)
  ['required names an unknown param', (d) => { d.methods.update.required[0] = 'idd'; }, 'methods.update.required[0]', "unknown param or field 'idd' — did you mean 'id'?"],
  ['required names a param that is not an input', (d) => { d.methods.delete.required.push('model_name'); }, 'methods.delete.required[2]', "'model_name' is required but is not an input"],
  ['a method does not require the server param', (d) => { d.methods.test.required = ['id']; }, 'methods.test.required', "must include the server param 'workspace'"],
  ['an input names an unknown field', (d) => { d.methods.create.inputs.descripton = 'body'; }, 'methods.create.inputs.descripton', "did you mean 'description'?"],
  ['the server param is sent as an input', (d) => { d.methods.list.inputs.workspace = 'query'; }, 'methods.list.inputs.workspace', 'is never sent'],
  ['a field names an unknown enum', (d) => { d.fields.status.enum = 'RegistryWebhookStatuss'; }, 'fields.status.enum', "did you mean 'RegistryWebhookStatus'?"],
  ['a nested property names an unknown enum', (d) => { d.fields.job_spec.properties.job_id.enum = 'Nope'; }, 'fields.job_spec.properties.job_id.enum', "unknown enum 'Nope'"],
  ['an array has no item type', (d) => delete d.fields.events.items, 'fields.events', "an array needs 'items'"],
  ['a constraint names a non-input', (d) => { d.methods.update.constraints[0].fields[1] = 'model_name'; }, 'methods.update.constraints[0].fields[1]', "'model_name' is not an input of method 'update'"],
  ['a constraint value is not in the enum', (d) => { d.methods.create.constraints[1].value = 'REGISTERED_MODEL_CREATD'; }, 'methods.create.constraints[1].value', "did you mean 'REGISTERED_MODEL_CREATED'?"],
  ['a sqlVerb names an unknown method', (d) => { d.sqlVerbs.delete = 'remove'; }, 'sqlVerbs.delete', "unknown method 'remove'"],
  ['a naturalKey path does not exist', (d) => { d.naturalKey[2] = 'http_url_spec.uri'; }, 'naturalKey[2]', "did you mean 'http_url_spec.url'?"],
  ['the serverParam does not exist', (d) => { d.serverParam = 'workspaces'; }, 'serverParam', "did you mean 'workspace'?"],
  ['the idField does not exist', (d) => { d.idField = 'webhook_id'; }, 'idField', "unknown field 'webhook_id'"],
  ['the id does not match provider.service.name', (d) => { d.id = 'databricks_workspace.ml.hooks'; }, 'id', 'must be provider.service.name'],
  ['a column param points at no field', (d) => { d.params.events.column = 'event_list'; }, 'params.events.column', "unknown field 'event_list'"],
  ['a param and a field of one name disagree on type', (d) => { d.params.id.type = 'integer'; }, 'params.id.type', 'shares its name with a field'],
  ['an object goes in the query string', (d) => { d.methods.delete.inputs.job_spec = 'query'; }, 'methods.delete.inputs.job_spec', 'an object cannot go in the query string'],
  ['mode never with several attempts', (d) => { d.methods.test.retry.attempts = 3; }, 'methods.test.retry.attempts', "mode 'never' means exactly 1 attempt"],
  ['pagination token is not an input', (d) => { d.methods.list.pagination.requestToken = 'cursor'; }, 'methods.list.pagination.requestToken', "'cursor' is not an input"],
  ['the page size is not an input', (d) => { d.methods.list.pagination.pageSize.input = 'limit'; }, 'methods.list.pagination.pageSize.input', "'limit' is not a query input of this method"],
  ['the page size is not a whole number', (d) => { d.methods.list.pagination.pageSize.size = 0; }, 'methods.list.pagination.pageSize.size', 'expected number to be >0'],
  ['an enum lists a value twice', (d) => d.enums.RegistryWebhookStatus.push('ACTIVE'), 'enums.RegistryWebhookStatus', "'ACTIVE' is listed twice"],
  ['a minimum on a string', (d) => { d.params.model_name.minimum = 1; }, 'params.model_name.minimum', 'only an integer or a number has a minimum'],
];

describe('a broken definition is reported with the YAML path of the problem', () => {
  test.each(cases)('when %s', (_name, edit, at, message) => {
    const issues = issuesOf(mutated(edit));
    expect(issues).toContainEqual({ at, message: expect.stringContaining(message) });
  });
});

describe('every problem is reported at once', () => {
  test('several shape problems in one error', () => {
    const issues = issuesOf(mutated((d) => {
      delete d.methods.list.path;
      d.fields.id.type = 'str';
      d.methods.delete.retry.mode = 'sometimes';
    }));
    expect(issues.map((i) => i.at)).toEqual(expect.arrayContaining(['methods.list.path', 'fields.id.type', 'methods.delete.retry.mode']));
  });

  test('several reference problems in one error, and the message lists them all', () => {
    const text = mutated((d) => {
      d.methods.update.required[1] = 'idd';
      d.sqlVerbs.select = 'lst';
      d.fields.status.enum = 'Nope';
    });
    let error: unknown;
    try { loadDefinition(text, 'broken.yaml'); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(DefinitionError);
    const { message, issues, exitCode, code } = error as DefinitionError;
    expect(issues).toHaveLength(3);
    expect(message).toContain('broken.yaml: 3 problem(s)');
    expect(message).toContain("methods.update.required[1]: unknown param or field 'idd' — did you mean 'id'?");
    expect([code, exitCode]).toEqual(['DEFINITION_INVALID', 2]);
  });
});

describe('YAML itself', () => {
  test('a syntax error is reported with line and column', () => {
    expect(issuesOf('id: a\n  name: [b\n')[0].at).toMatch(/^line \d+, column \d+$/);
  });

  test('anchors and aliases are refused: specs stay flat', () => {
    const text = realText().replace('  list:\n', '  list: &list\n') + '\nextra: *list\n';
    const messages = issuesOf(text).map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining("anchor '&list'"), expect.stringContaining('aliases are not allowed')]));
  });

  test('a document that is not a mapping is reported at the top level', () => {
    expect(issuesOf('- just\n- a list\n')).toEqual([{ at: '(top level)', message: 'expected object, got an array' }]);
  });
});
