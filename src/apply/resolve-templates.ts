// `{{ name }}` and `{{ env.NAME }}` in manifest values. A value that is exactly one placeholder takes
// the variable's own type (a list var can fill `events`); anything else is text interpolation.
// We record which leaves drew on the environment: a secret must come from there (see check-secrets.ts).

import type { Located, Pos } from './located-yaml.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;
const WHOLE = /^\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}$/;
const ENV_PREFIX = 'env.';

export interface VarValue {
  readonly value: unknown;
  /** The value was itself taken from the environment (a manifest var set to "{{ env.X }}"). */
  readonly fromEnv: boolean;
}

export interface TemplateContext {
  readonly vars: ReadonlyMap<string, VarValue>;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface ResolvedValue {
  readonly value: unknown;
  /** Dotted paths (relative to the resolved node) of leaves that used `{{ env.… }}`. */
  readonly envPaths: ReadonlySet<string>;
}

export type Report = (pos: Pos, message: string) => void;

interface LeafResult {
  readonly value: unknown;
  readonly fromEnv: boolean;
}

/** Resolves one string; unknown names are reported and left as they were. */
export function resolveString(text: string, ctx: TemplateContext, report: (message: string) => void): LeafResult {
  const whole = WHOLE.exec(text);
  if (whole) {
    const hit = lookup(whole[1], ctx);
    if (hit === undefined) {
      report(unresolvedMessage(whole[1]));
      return { value: text, fromEnv: false };
    }
    return hit;
  }
  let fromEnv = false;
  const value = text.replace(PLACEHOLDER, (match, name: string) => {
    const hit = lookup(name, ctx);
    if (hit === undefined) {
      report(unresolvedMessage(name));
      return match;
    }
    fromEnv ||= hit.fromEnv;
    return typeof hit.value === 'string' ? hit.value : JSON.stringify(hit.value);
  });
  return { value, fromEnv };
}

/** Resolves every string leaf of a located value, keeping the shape. */
export function resolveLocated(node: Located, ctx: TemplateContext, report: Report): ResolvedValue {
  const envPaths = new Set<string>();
  // The dotted path is spelled only for the few leaves that read the environment.
  const segments: (string | number)[] = [];
  const pathNow = () => segments.reduce<string>((path, s) => (typeof s === 'number' ? `${path}[${s}]` : path === '' ? s : `${path}.${s}`), '');
  const walk = (n: Located): unknown => {
    switch (n.kind) {
      case 'scalar': {
        if (typeof n.value !== 'string') return n.value;
        if (!n.value.includes('{{')) return n.value;
        const leaf = resolveString(n.value, ctx, (m) => report(n.pos, m));
        if (leaf.fromEnv) envPaths.add(pathNow());
        return leaf.value;
      }
      case 'seq': {
        const out: unknown[] = [];
        n.items.forEach((item, i) => {
          segments.push(i);
          const v = walk(item);
          segments.pop();
          // `- "{{ events }}"` with a list-valued var: splice the list in, as StackQL's manifest expects.
          if (Array.isArray(v) && item.kind === 'scalar') out.push(...v);
          else out.push(v);
        });
        return out;
      }
      case 'map':
        return Object.fromEntries(
          n.entries.map((e) => {
            segments.push(e.key);
            const v = walk(e.value);
            segments.pop();
            return [e.key, v];
          }),
        );
    }
  };
  return { value: walk(node), envPaths };
}

function lookup(name: string, ctx: TemplateContext): LeafResult | undefined {
  if (name.startsWith(ENV_PREFIX)) {
    const v = ctx.env[name.slice(ENV_PREFIX.length)];
    // An empty variable is treated as unset: silently sending no secret would be worse than failing.
    return v === undefined || v === '' ? undefined : { value: v, fromEnv: true };
  }
  const v = ctx.vars.get(name);
  return v === undefined ? undefined : { value: v.value, fromEnv: v.fromEnv };
}

function unresolvedMessage(name: string): string {
  return name.startsWith(ENV_PREFIX)
    ? `unresolved {{ ${name} }}: environment variable ${name.slice(ENV_PREFIX.length)} is not set (or is empty)`
    : `unresolved {{ ${name} }}: no such var (add it under vars: or pass --var ${name}=…)`;
}
