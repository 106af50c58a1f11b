// Option parsers shared by commands (commander calls them per occurrence).

import { UsageError } from '../errors.js';
import { OUTPUT_FORMATS, type OutputFormat } from './render-result.js';

/** `--var name=value`, repeatable. */
export function collectVar(pair: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = pair.indexOf('=');
  if (eq <= 0) throw new UsageError(`--var expects name=value, got '${pair}'`, { hint: "e.g. --var workspace=local" });
  return { ...previous, [pair.slice(0, eq).trim()]: pair.slice(eq + 1) };
}

export function parseFormat(value: string): OutputFormat {
  if (!(OUTPUT_FORMATS as readonly string[]).includes(value)) {
    throw new UsageError(`unknown output format '${value}'`, { hint: `use one of: ${OUTPUT_FORMATS.join(', ')}` });
  }
  return value as OutputFormat;
}

export function parsePositiveInt(name: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} expects a positive whole number, got '${value}'`);
    return n;
  };
}
