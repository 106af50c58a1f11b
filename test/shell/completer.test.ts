import { describe, expect, it } from 'vitest';
import { createCompleter } from '../../src/cli/shell/completer.js';
import { completionWords } from '../../src/cli/shell/completion-words.js';
import { loadRegistry } from '../../src/definition/index.js';
import { RESOURCE, registry } from './fake-engine.js';

const complete = (line: string, previous = '') =>
  createCompleter(completionWords(registry), { pending: () => previous !== '', previousLines: () => previous })(line);

describe('tab completion', () => {
  const cases: { name: string; line: string; previous?: string; hits: string[]; on: string }[] = [
    { name: 'a keyword, in the case it is typed', line: 'sel', hits: ['select'], on: 'sel' },
    { name: 'an upper-case keyword', line: 'SEL', hits: ['SELECT'], on: 'SEL' },
    { name: 'a column', line: 'SELECT model_', hits: ['model_name'], on: 'model_' },
    { name: 'a column after a table alias', line: 'SELECT w.model_', hits: ['w.model_name'], on: 'w.model_' },
    { name: 'the resource after FROM', line: 'SELECT * FROM data', hits: [RESOURCE], on: 'data' },
    { name: 'any resource after FROM', line: 'select * from ', hits: [RESOURCE], on: '' },
    { name: 'a resource id typed part-way', line: 'DESCRIBE databricks_workspace.ml.m', hits: [RESOURCE], on: 'databricks_workspace.ml.m' },
    { name: 'EXEC methods after the resource id', line: `EXEC ${RESOURCE}.`, hits: [`${RESOURCE}.delete`, `${RESOURCE}.list`, `${RESOURCE}.test`], on: `${RESOURCE}.` },
    { name: 'EXEC method by prefix', line: `EXEC ${RESOURCE}.t`, hits: [`${RESOURCE}.test`], on: `${RESOURCE}.t` },
    { name: '@params of the EXEC method', line: `EXEC ${RESOURCE}.delete @`, hits: ['@workspace', '@id', '@@json'], on: '@' },
    { name: '@params on a later line of the statement', line: '@e', previous: `EXEC ${RESOURCE}.test @id='1',`, hits: ['@event'], on: '@e' },
    { name: '@@json', line: `EXEC ${RESOURCE}.test @@`, hits: ['@@json'], on: '@@' },
    { name: 'enum values inside a string', line: "WHERE events = '[\"MODEL_VERSION_C", hits: ['MODEL_VERSION_CREATED'], on: 'MODEL_VERSION_C' },
    { name: 'nothing inside a comment', line: 'SELECT 1 -- sel', hits: [], on: '' },
    { name: 'nothing for an empty word mid-statement', line: 'SELECT ', hits: [], on: '' },
    { name: 'meta commands', line: '.ou', hits: ['.output'], on: '.ou' },
    { name: 'output formats', line: '.output j', hits: ['json', 'jsonl'], on: 'j' },
    { name: 'timing values', line: '.timing o', hits: ['on', 'off'], on: 'o' },
    { name: 'no meta commands inside a statement', line: '.ou', previous: 'SELECT', hits: [], on: '.ou' },
  ];
  it.each(cases)('$name', ({ line, previous, hits, on }) => {
    const [got, word] = complete(line, previous);
    expect(got).toEqual(hits);
    expect(word).toBe(on);
  });

  it('completes file names for .read', () => {
    const [got] = complete('.read test/shell/split-st');
    expect(got).toEqual(['test/shell/split-statements.test.ts']);
  });
});

describe('tab completion from the real resource definitions', () => {
  const real = createCompleter(completionWords(loadRegistry([])), { pending: () => false, previousLines: () => '' });
  it.each([
    ['SELECT http_', ['http_url_spec']],
    ['SELECT last_', ['last_updated_timestamp']],
    [`EXEC ${RESOURCE}.`, ['create', 'delete', 'list', 'test', 'update'].map((m) => `${RESOURCE}.${m}`)],
    [`EXEC ${RESOURCE}.test @`, ['@workspace', '@id', '@event', '@@json']],
    ["WHERE status = 'DIS", ['DISABLED']],
    // Issue 14, defect 3: the column's own resource and enum, not every name of every method.
    [`SELECT * FROM ${RESOURCE} AS w WHERE w.ev`, ['w.events']],
    [`SELECT * FROM ${RESOURCE} WHERE status = '`, ['ACTIVE', 'DISABLED', 'TEST_MODE']],
    [`SELECT * FROM ${RESOURCE} AS w WHERE w.status IN ('ACTIVE', 'T`, ['TEST_MODE']],
    [`SELECT * FROM ${RESOURCE} WHERE model_name = '`, []],
    [`EXEC ${RESOURCE}.test @id='1', @event='COMMENT_C`, ['COMMENT_CREATED']],
  ])('%s', (line, hits) => expect(real(line)[0]).toEqual(hits));
});
