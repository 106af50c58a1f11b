// The local Databricks workspace emulator: the registry-webhooks API, deliveries, OAuth M2M, faults.
// Self-contained: it imports nothing from hookql's SQL pipeline. Layout: one folder per resource
// family (webhooks/, deliveries/, jobs/, oauth/), registered in families.ts; router.ts and
// http-server.ts at the root; faults/, admin/ apart; wire/ holds the Databricks envelope and body helpers.

export { startEmulator, DEFAULT_ADMIN_TOKEN } from './start-emulator.js';
export { parseFaultSpec, formatFaultSpec, type FaultSpec, type FaultKind } from './faults/faults.js';
export type { EmulatorOptions, RunningEmulator } from './types.js';
