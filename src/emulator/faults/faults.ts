// Fault injection for tests and benchmarks: `latency=MS|MIN-MAX`, `429=F`, `500=F`, `503=F`,
// `drop-before=F`, `drop-after=F`, `seed=N`, comma-separated. One seeded draw per request picks at
// most one fault, so the fractions are disjoint and must add up to at most 1.

export const FAULT_KINDS = ['429', '500', '503', 'drop-before', 'drop-after'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  readonly latency?: { readonly min: number; readonly max: number };
  readonly rates: Readonly<Partial<Record<FaultKind, number>>>;
  readonly seed?: number;
}

export interface FaultDecision {
  readonly latencyMs: number;
  readonly fault?: FaultKind;
}

const KNOWN_KEYS = ['latency', ...FAULT_KINDS, 'seed'];
const MAX_LATENCY_MS = 60_000;

/** Parses a spec; throws an Error naming the bad item. '' and 'none' mean no faults. */
export function parseFaultSpec(spec: string): FaultSpec {
  const text = spec.trim();
  if (text === '' || text === 'none') return { rates: {} };
  const seen = new Set<string>();
  let latency: FaultSpec['latency'];
  let seed: number | undefined;
  const rates: Partial<Record<FaultKind, number>> = {};
  for (const item of text.split(',').map((s) => s.trim())) {
    const [key, value, extra] = item.split('=');
    if (value === undefined || extra !== undefined || key === '' || value === '') {
      throw new Error(`bad fault spec item '${item}': expected KEY=VALUE (keys: ${KNOWN_KEYS.join(', ')})`);
    }
    if (seen.has(key)) throw new Error(`bad fault spec: '${key}' is given twice`);
    seen.add(key);
    if (key === 'latency') latency = parseLatency(value);
    else if (key === 'seed') seed = parseSeed(value);
    else if (isFaultKind(key)) rates[key] = parseFraction(key, value);
    else throw new Error(`bad fault spec: unknown fault '${key}' (keys: ${KNOWN_KEYS.join(', ')})`);
  }
  const total = Object.values(rates).reduce((sum, rate) => sum + rate, 0);
  if (total > 1 + 1e-9) throw new Error(`bad fault spec: the fractions add up to ${total}, more than 1`);
  return { latency, rates, seed };
}

/** The canonical text of a spec (what GET /__emulator/faults reports). */
export function formatFaultSpec(spec: FaultSpec): string {
  const parts: string[] = [];
  if (spec.latency) {
    const { min, max } = spec.latency;
    parts.push(min === max ? `latency=${min}` : `latency=${min}-${max}`);
  }
  for (const kind of FAULT_KINDS) {
    const rate = spec.rates[kind];
    if (rate !== undefined) parts.push(`${kind}=${rate}`);
  }
  if (spec.seed !== undefined) parts.push(`seed=${spec.seed}`);
  return parts.join(',');
}

function isFaultKind(key: string): key is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(key);
}

function parseFraction(key: string, value: string): number {
  const rate = /^(\d+(\.\d+)?|\.\d+)$/.test(value) ? Number(value) : NaN;
  if (!(rate >= 0 && rate <= 1)) throw new Error(`bad fault spec: '${key}=${value}' needs a fraction between 0 and 1`);
  return rate;
}

function parseLatency(value: string): { min: number; max: number } {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(value);
  if (!match) throw new Error(`bad fault spec: 'latency=${value}' needs MS or MIN-MAX (whole milliseconds)`);
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  if (min > max) throw new Error(`bad fault spec: 'latency=${value}' has MIN greater than MAX`);
  if (max > MAX_LATENCY_MS) throw new Error(`bad fault spec: 'latency=${value}' is over ${MAX_LATENCY_MS} ms`);
  return { min, max };
}

function parseSeed(value: string): number {
  if (!/^\d{1,10}$/.test(value) || Number(value) > 0xffffffff) {
    throw new Error(`bad fault spec: 'seed=${value}' needs a whole number from 0 to 4294967295`);
  }
  return Number(value);
}
