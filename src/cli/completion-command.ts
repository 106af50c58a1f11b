// `hookql completion bash|zsh`: a completion script for the user's shell, written from the command
// tree itself (names, options, and what each option's value is), so it never lags behind the CLI.

import { Command, type Option } from 'commander';
import { UsageError } from '../errors.js';
import type { CliIo } from './io.js';
import { OUTPUT_FORMATS } from './render-result.js';

/** What the value of an option is, for completing it: a fixed list or a file name. */
function valuesOf(option: Option): readonly string[] | 'file' | null {
  if (!option.required && !option.optional) return null;
  if (option.argChoices) return option.argChoices;
  const name = option.long?.replace(/^--/, '') ?? '';
  if (name === 'output') return OUTPUT_FORMATS;
  if (name === 'file' || name === 'db') return 'file';
  if (name === 'workspace') return ['local'];
  return [];
}

export function completionCommand(io: CliIo, commands: () => Promise<readonly Command[]>): Command {
  return new Command('completion')
    .description('print a completion script for bash or zsh')
    .argument('<shell>', 'bash | zsh')
    .action(async (shell: string) => {
      const tree = (await commands()).filter((c) => c.name() !== 'completion');
      if (shell === 'bash') io.stdout.write(bashScript(tree));
      else if (shell === 'zsh') io.stdout.write(zshScript(tree));
      else throw new UsageError(`no completion for '${shell}'`, { hint: 'hookql completion bash, or hookql completion zsh' });
    });
}

function flagsOf(command: Command): string[] {
  return [...command.options.flatMap((o) => [o.short, o.long].filter((f): f is string => Boolean(f))), '--help'];
}

export function bashScript(commands: readonly Command[]): string {
  const names = [...commands.map((c) => c.name()), 'completion'];
  const perCommand = commands.map((c) => `    ${c.name()}) opts=${shq(flagsOf(c).join(' '))} ;;`).join('\n');
  const valueCases = new Map<string, string>();
  for (const c of commands) {
    for (const o of c.options) {
      const values = valuesOf(o);
      // A free value (a number, name=value) has nothing to offer: leave it to the user.
      if (values === null || values.length === 0) continue;
      const flags = [o.short, o.long].filter(Boolean).join('|');
      valueCases.set(`${c.name()}:${flags}`, values === 'file' ? 'COMPREPLY=( $(compgen -f -- "$cur") )' : `COMPREPLY=( $(compgen -W ${shq(values.join(' '))} -- "$cur") )`);
    }
  }
  const values = [...valueCases].map(([key, reply]) => `    ${key.replace(/\|/g, `|${key.split(':')[0]}:`)}) ${reply}; return ;;`).join('\n');
  return `# hookql completion for bash. Install: hookql completion bash > ~/.local/share/bash-completion/completions/hookql
# (or: eval "$(hookql completion bash)" in ~/.bashrc)
_hookql() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" command="\${COMP_WORDS[1]}" opts=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W ${shq([...names, '--help', '--version'].join(' '))} -- "$cur") )
    return
  fi
  case "$command:$prev" in
${values}
    completion:completion) COMPREPLY=( $(compgen -W "bash zsh" -- "$cur") ); return ;;
  esac
  case "$command" in
${perCommand}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
  else
    COMPREPLY=( $(compgen -f -- "$cur") )
  fi
}
complete -o filenames -F _hookql hookql
`;
}

export function zshScript(commands: readonly Command[]): string {
  const described = [...commands.map((c) => `    ${shq(`${c.name()}:${c.description()}`)}`), `    ${shq('completion:print a completion script for bash or zsh')}`].join('\n');
  const cases = commands
    .map((c) => {
      const specs = c.options.map((o) => `        ${zshSpec(o)}`);
      const rest = c.registeredArguments.length > 0 ? [`        ${shq('*:file:_files')}`] : [];
      return `    ${c.name()})\n      _arguments -s \\\n${[...specs, ...rest].join(' \\\n')}\n      ;;`;
    })
    .join('\n');
  return `#compdef hookql
# hookql completion for zsh. Install: hookql completion zsh > "\${fpath[1]}/_hookql", then restart zsh.
_hookql() {
  local -a commands
  commands=(
${described}
  )
  if (( CURRENT == 2 )); then
    _describe 'hookql command' commands
    return
  fi
  case $words[2] in
${cases}
    completion)
      _arguments '1:shell:(bash zsh)'
      ;;
  esac
}
_hookql "$@"
`;
}

/** One `_arguments` spec, quoted for zsh: `'(-o --output)'{-o,--output}'[description]:value:(a b)'`. */
function zshSpec(o: Option): string {
  const description = o.description.replace(/[[\]:]/g, ' ').replace(/\s+/g, ' ').trim().replace(/'/g, `'\\''`);
  const names = [o.short, o.long].filter((f): f is string => Boolean(f));
  const values = valuesOf(o);
  const value = values === null ? '' : values === 'file' ? ':file:_files' : values.length > 0 ? `:value:(${values.join(' ')})` : ':value: ';
  const rest = `'[${description}]${value}'`;
  return names.length > 1 ? `'(${names.join(' ')})'{${names.join(',')}}${rest}` : `'${names[0]}'${rest}`;
}

/** A word for sh and zsh, single-quoted. */
function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
