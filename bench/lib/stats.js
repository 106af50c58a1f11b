// Summaries of repeated measurements.

export function summary(values) {
  if (values.length === 0) throw new Error('no measurements');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

export const sum = (values) => values.reduce((a, b) => a + b, 0);

/**
 * `runs` timed pairs of two whole-process measurements, alternating which goes first (the baseline
 * in even pairs), so a slow moment on a shared machine lands on both sides of a ratio. Returns each
 * side's times and the per-pair ratios subject ÷ baseline. `after`, when given, runs after each pair
 * (an untimed-by-the-pair reference that measures itself, such as a floor).
 */
export async function alternatingPairs(runs, baseline, subject, after) {
  const out = { ratios: [], baseline: [], subject: [] };
  for (let i = 0; i < runs; i++) {
    let b, s;
    if (i % 2 === 0) {
      b = await baseline();
      s = await subject();
    } else {
      s = await subject();
      b = await baseline();
    }
    out.baseline.push(b);
    out.subject.push(s);
    out.ratios.push(s / b);
    await after?.();
  }
  return out;
}
