// Draws the fault (and latency) for each incoming request from a seeded PRNG, and counts what it
// injected so fault suites can report their figures. The same seed and request order replay exactly.

import { randomInt } from 'node:crypto';
import { FAULT_KINDS, formatFaultSpec, parseFaultSpec, type FaultDecision, type FaultKind, type FaultSpec } from './faults.js';

export interface FaultReport {
  readonly spec: string;
  readonly injected: Readonly<Record<FaultKind, number>>;
  readonly requests: number;
}

export class FaultInjector {
  private spec: FaultSpec = { rates: {} };
  private random: () => number = Math.random;
  private injected = emptyCounts();
  private requests = 0;

  constructor(spec = '') {
    this.set(spec);
  }

  /** Parses first, so a bad spec leaves the current one in force. */
  set(text: string): void {
    const spec = parseFaultSpec(text);
    this.spec = spec;
    this.random = mulberry32(spec.seed ?? randomInt(0, 2 ** 32 - 1));
  }

  next(): FaultDecision {
    this.requests += 1;
    const latencyMs = this.drawLatency();
    const fault = this.drawFault();
    if (fault) this.injected[fault] += 1;
    return { latencyMs, fault };
  }

  report(): FaultReport {
    return { spec: formatFaultSpec(this.spec), injected: { ...this.injected }, requests: this.requests };
  }

  resetCounts(): void {
    this.injected = emptyCounts();
    this.requests = 0;
  }

  private drawLatency(): number {
    const latency = this.spec.latency;
    if (!latency) return 0;
    return latency.min + Math.floor(this.random() * (latency.max - latency.min + 1));
  }

  private drawFault(): FaultKind | undefined {
    // Draw even when no rate is set, so adding a fault later does not shift the sequence's meaning.
    const roll = this.random();
    let edge = 0;
    for (const kind of FAULT_KINDS) {
      const rate = this.spec.rates[kind] ?? 0;
      edge += rate;
      if (rate > 0 && roll < edge) return kind;
    }
    return undefined;
  }
}

function emptyCounts(): Record<FaultKind, number> {
  return { '429': 0, '500': 0, '503': 0, 'drop-before': 0, 'drop-after': 0 };
}

/** A tiny, well-known 32-bit PRNG: good enough for fault rolls, and reproducible from a seed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
