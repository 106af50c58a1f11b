export { runQuery, type QueryDeps, type QueryRows } from './run-query.js';
export { openScratchDb, type ScratchDb } from './scratch-db.js';
export { fillSlots } from './fill-slots.js';
export { checkQuery } from './check-query.js';
export { runMutation, type MutationDeps, type MutationRows } from './run-mutation.js';
