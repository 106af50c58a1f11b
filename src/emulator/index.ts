// The local Databricks workspace emulator: the registry-webhooks API, deliveries, OAuth M2M, faults.
// Self-contained: it imports nothing from hookql's SQL pipeline.

export { startEmulator, DEFAULT_ADMIN_TOKEN } from './start-emulator.js';
export { parseFaultSpec, formatFaultSpec, type FaultSpec, type FaultKind } from './faults.js';
export type { EmulatorOptions, RunningEmulator } from './types.js';
