// `{{ name }}` placeholders, filled from --var values before anything else looks at the SQL.
// Inside a '…' literal the value becomes part of the literal's value (its quotes are doubled so it
// can never end the literal early); anywhere else it is raw SQL text, as the user asked for.
// Placeholders inside comments are left alone: a comment never needs a value.
import { UnfilledVariableError, UnusedVariableError } from '../errors.js';
import { closest } from '../util/suggest.js';
import type { Vars } from './types.js';
import { lineColumn, MappedTextBuilder, type MappedText } from './source-text.js';
import { scanSql, type Token } from './scan-sql.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

/** `text` with every placeholder filled; throws UnfilledVariableError naming each one left empty. */
export function substituteVars(text: string, vars: Vars): string {
  return fillVars(text, vars).text;
}

/** Like substituteVars, keeping the way back to offsets in `text` for error positions. */
export function fillVars(text: string, vars: Vars): MappedText {
  const builder = new MappedTextBuilder();
  const missing: { name: string; offset: number }[] = [];
  if (!text.includes('{{')) {
    builder.copy(text, 0, text.length);
    return builder.build();
  }
  for (const token of scanSql(text, (offset) => lineColumn(text, offset))) {
    if (token.kind === 'comment') builder.copy(text, token.start, token.end);
    else fillToken(text, token, vars, builder, missing);
  }
  if (missing.length > 0) throw unfilled(text, missing);
  return builder.build();
}

/** The names of the placeholders in `text`, outside comments. */
export function placeholderNames(text: string): Set<string> {
  const names = new Set<string>();
  if (!text.includes('{{')) return names;
  for (const token of scanSql(text, (offset) => lineColumn(text, offset))) {
    if (token.kind === 'comment') continue;
    for (const match of text.slice(token.start, token.end).matchAll(PLACEHOLDER)) names.add(match[1]);
  }
  return names;
}

/**
 * Throws when a var fills no placeholder of `text`: `--var worksapce=prod` must not pass silently.
 * `how` names where vars come from in the hint (`--var` on the command line).
 */
export function checkVarsUsed(names: Iterable<string>, placeholders: ReadonlySet<string>, where: string): void {
  const unused = [...names].filter((n) => !placeholders.has(n));
  if (unused.length === 0) return;
  const first = unused[0];
  const guess = closest(first, placeholders);
  const present = placeholders.size === 0 ? `${where} has no {{ … }} placeholder` : `${where} uses ${[...placeholders].map((n) => `{{ ${n} }}`).join(', ')}`;
  throw new UnusedVariableError(
    `--var ${unused.join(', --var ')}: no {{ ${first} }} placeholder in ${where}`,
    { hint: guess ? `did you mean --var ${guess}=…? (${present})` : `remove it (${present})` },
  );
}

function fillToken(
  text: string,
  token: Token,
  vars: Vars,
  builder: MappedTextBuilder,
  missing: { name: string; offset: number }[],
): void {
  const escape = token.kind === 'string' ? (v: string) => v.replaceAll("'", "''") : (v: string) => v;
  let copied = token.start;
  for (const match of text.slice(token.start, token.end).matchAll(PLACEHOLDER)) {
    const name = match[1];
    const at = token.start + (match.index ?? 0);
    builder.copy(text, copied, at);
    copied = at + match[0].length;
    if (Object.hasOwn(vars, name)) builder.replace(escape(vars[name]), at, match[0].length);
    else {
      missing.push({ name, offset: at });
      builder.copy(text, at, copied);
    }
  }
  builder.copy(text, copied, token.end);
}

function unfilled(text: string, missing: readonly { name: string; offset: number }[]): UnfilledVariableError {
  const names = [...new Set(missing.map((m) => m.name))];
  const at = lineColumn(text, missing[0].offset);
  return new UnfilledVariableError(
    `no value for ${names.map((n) => `{{ ${n} }}`).join(', ')} (at line ${at.line}, column ${at.column})`,
    { hint: `pass ${names.map((n) => `--var ${n}=<value>`).join(' ')}`, names },
  );
}
