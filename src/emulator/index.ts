// The local Databricks workspace emulator: the registry-webhooks API, deliveries, host metadata and
// OAuth M2M, jobs, model permissions, faults. Self-contained: it imports nothing from hookql's SQL
// pipeline. Layout: one folder per resource family (webhooks/, deliveries/, jobs/, oauth/, auth/),
// registered in families.ts; router.ts and http-server.ts at the root; faults/, admin/ apart; wire/
// holds the Databricks envelope and body helpers. Behaviours and their sources: docs/emulator.md.

export { startEmulator, DEFAULT_ADMIN_TOKEN } from './start-emulator.js';
export { parseFaultSpec, formatFaultSpec, type FaultSpec, type FaultKind } from './faults/faults.js';
export type { EmulatorOptions, RunningEmulator } from './types.js';
