// Runs bench/floor-plan.js (a bare client's plan of a manifest) and checks its answer: the floor
// beside B4 and B8 is only printed when the bare client saw what hookql sees.

/** Resolves the bare plan's own work in ms; rejects when its counts are not `expected`. */
export async function barePlanMs(ctx, manifest, emulator, env, expected) {
  const r = await ctx.node([ctx.bench('floor-plan.js'), manifest, emulator.url, ctx.token], { env });
  const [updates, unchanged, creates, ms] = r.stdout.trim().split(' ').map(Number);
  if (updates !== expected.updates || unchanged !== expected.unchanged || creates !== expected.creates) {
    throw new Error(`the bare plan found ${r.stdout.trim()} (updates unchanged creates ms), wanted ${expected.updates} ${expected.unchanged} ${expected.creates}`);
  }
  return ms;
}
