// EXEC provider.service.resource.method @p='v' … @@json='{…}' → one call of any method, exactly
// as StackQL writes it. @@json supplies body inputs; @args supply the rest (and win on conflict).

import { findResource } from '../definition/index.js';
import type { Registry } from '../definition/types.js';
import { UnknownParameterError } from '../errors.js';
import type { ExecStatement } from '../parse/types.js';
import { didYouMean } from '../util/suggest.js';
import { buildRequest } from './build-request.js';
import { convertInput } from './convert-input.js';
import { methodByName, missingParameter } from './lookup.js';
import type { WriteOptions } from './plan-insert.js';
import { mutationBase } from './plan-returning.js';
import { scratchColumns } from './scratch-columns.js';
import type { MutationPlan, ReturningPlan } from './types.js';

export function planExec(stmt: ExecStatement, registry: Registry, options: WriteOptions): MutationPlan {
  const def = findResource(registry, stmt.resource);
  const method = methodByName(def, stmt.method);
  const accepted = [def.serverParam, ...method.inputs.map((i) => i.name)];
  const given: Record<string, unknown> = { ...(stmt.json ?? {}), ...stmt.args };
  const values: Record<string, unknown> = {};
  let workspace = options.defaultWorkspace;
  for (const [name, raw] of Object.entries(given)) {
    if (!accepted.includes(name)) {
      throw new UnknownParameterError(`method '${method.name}' of ${def.id} takes no parameter '${name}'`, {
        hint: [didYouMean(name, accepted), `parameters: ${accepted.map((a) => '@' + a).join(', ')}`].filter(Boolean).join(' '),
      });
    }
    if (name === def.serverParam) {
      if (raw !== '' && raw !== null) workspace = String(raw);
    } else {
      values[name] = convertInput(def, name, raw);
    }
  }
  if (workspace === undefined) {
    throw missingParameter(def, 'EXEC', def.serverParam, `add @${def.serverParam}='<${def.serverParam}>' ('local' is the built-in emulator)`);
  }
  const request = buildRequest(def, method, workspace, values, (n) => `add @${n}='<${n}>'`, `EXEC ${method.name}`);
  const isList = method.name === def.sqlVerbs.select;
  const returning: ReturningPlan = isList
    ? { kind: 'columns', columns: scratchColumns(def) }
    : method.objectKey !== null
      ? { kind: 'object', as: method.objectKey.split('.').pop() as string }
      : { kind: 'response' };
  return { ...mutationBase(def, method, stmt.text, returning, options.concurrency), requests: [request], source: null };
}
