// `.help`: the commands, the keys, and what can be queried — resource names come from the loaded
// definitions, so a new resource shows up here without touching the shell.

import type { Registry } from '../../definition/types.js';
import type { ShellState } from './shell-state.js';

export function helpText(state: ShellState, registry: Registry): string {
  const on = (b: boolean) => (b ? 'on' : 'off');
  const lines = [
    'Statements end with ;  (SELECT, INSERT, UPDATE, DELETE, EXEC, SHOW, DESCRIBE, EXPLAIN)',
    '',
    'Commands:',
    `  .output [FORMAT]        table | json | jsonl | csv | text | line   (now: ${state.expanded && state.format === 'table' ? 'line' : state.format}; also .mode)`,
    `  \\x [on|off]             expanded display: a column | value block per row (now: ${on(state.expanded === true)})`,
    `  .headers [on|off]       column names in tables and CSV (now: ${on(state.headers !== false)})`,
    `  .pager [on|off]         results taller than the terminal go to $PAGER, default less -S (now: ${on(state.pager !== false)})`,
    '  \\d [NAME]               DESCRIBE a resource (a short name will do); alone, list them (.tables, .schema)',
    '  \\e                      edit the last statement in $EDITOR, then run it (also .edit)',
    `  .workspace [NAME | -]   workspace used when a statement names none (now: ${state.workspace ?? 'none'})`,
    '  .vars                   list the variables for {{ NAME }} placeholders',
    '  .set NAME VALUE         set a variable;  .unset NAME removes it',
    `  .timing [on|off]        time, API requests and rows fetched per statement (now: ${on(state.timing)}; also \\timing)`,
    `  .partial [on|off]       over several workspaces, keep the rows of those that answer (now: ${on(state.partial)})`,
    '  .read FILE              run the statements and commands in FILE',
    '  .help                   this text',
    '  .quit                   leave (also .exit, \\q, exit, quit, Ctrl-D)',
    '',
    'Keys: Tab completes keywords, resources, columns, EXEC methods and @params;',
    '      Up/Down recall history (kept in $HOOKQL_HOME/history);',
    '      Ctrl-C clears the input or cancels the running statement; Ctrl-D leaves.',
    '',
    'Resources (DESCRIBE <resource>; lists the columns, SHOW METHODS IN <resource>; the methods):',
    ...[...registry.resources.values()].map((r) => `  ${r.id}  ${r.title}`),
  ];
  return lines.join('\n') + '\n';
}
