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
  /** Told each non-empty value a template reads from the environment (to be redacted on display). */
  readonly onEnvRead?: (value: string) => void;
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

const NO_ENV_PATHS: ReadonlySet<string> = new Set();

/** Resolves every string leaf of a located value, keeping the shape. */
export function resolveLocated(node: Located, ctx: TemplateContext, report: Report): ResolvedValue {
  // Most values are one plain scalar without a placeholder: nothing to walk.
  if (node.kind === 'scalar' && (typeof node.value !== 'string' || !node.value.includes('{{'))) return { value: node.value, envPaths: NO_ENV_PATHS };
  const walk: Walk = { ctx, report, segments: [], envPaths: null };
  const value = walkNode(node, walk);
  return { value, envPaths: walk.envPaths ?? NO_ENV_PATHS };
}

interface Walk {
  readonly ctx: TemplateContext;
  readonly report: Report;
  /** The path of the node being walked, spelled only for the few leaves that read the environment. */
  readonly segments: (string | number)[];
  envPaths: Set<string> | null;
}

function walkNode(n: Located, w: Walk): unknown {
  switch (n.kind) {
    case 'scalar': {
      if (typeof n.value !== 'string' || !n.value.includes('{{')) return n.value;
      const leaf = resolveString(n.value, w.ctx, (m) => w.report(n.pos, m));
      if (leaf.fromEnv) (w.envPaths ??= new Set()).add(pathOf(w.segments));
      return leaf.value;
    }
    case 'seq': {
      const out: unknown[] = [];
      for (let i = 0; i < n.items.length; i++) {
        const item = n.items[i];
        w.segments.push(i);
        const v = walkNode(item, w);
        w.segments.pop();
        // `- "{{ events }}"` with a list-valued var: splice the list in, as StackQL's manifest expects.
        if (Array.isArray(v) && item.kind === 'scalar') out.push(...v);
        else out.push(v);
      }
      return out;
    }
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of n.entries) {
        w.segments.push(e.key);
        const v = walkNode(e.value, w);
        w.segments.pop();
        // As Object.fromEntries: an own data property even for `__proto__`.
        if (e.key === '__proto__') Object.defineProperty(out, e.key, { value: v, enumerable: true, writable: true, configurable: true });
        else out[e.key] = v;
      }
      return out;
    }
  }
}

function pathOf(segments: readonly (string | number)[]): string {
  return segments.reduce<string>((path, s) => (typeof s === 'number' ? `${path}[${s}]` : path === '' ? s : `${path}.${s}`), '');
}

function lookup(name: string, ctx: TemplateContext): LeafResult | undefined {
  if (name.startsWith(ENV_PREFIX)) {
    const v = ctx.env[name.slice(ENV_PREFIX.length)];
    // An empty variable is treated as unset: silently sending no secret would be worse than failing.
    if (v === undefined || v === '') return undefined;
    if (typeof v === 'string') ctx.onEnvRead?.(v);
    return { value: v, fromEnv: true };
  }
  const v = ctx.vars.get(name);
  return v === undefined ? undefined : { value: v.value, fromEnv: v.fromEnv };
}

function unresolvedMessage(name: string): string {
  return name.startsWith(ENV_PREFIX)
    ? `unresolved {{ ${name} }}: environment variable ${name.slice(ENV_PREFIX.length)} is not set (or is empty)`
    : `unresolved {{ ${name} }}: no such var (add it under vars: or pass --var ${name}=…)`;
}
