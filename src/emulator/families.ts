// The resource families the emulator serves, in the order their schemas are created. To add one:
// a folder with its store, routes and validation, an index.ts exporting an EmulatorFamily, one line here.

import { authFamily } from './auth/index.js';
import type { EmulatorFamily } from './family.js';
import { eventsFamily } from './events/index.js';
import { jobsFamily } from './jobs/index.js';
import { oauthFamily } from './oauth/index.js';
import { registryFamily } from './registry/index.js';
import { webhooksFamily } from './webhooks/index.js';
import { accountsFamily } from './accounts/index.js';

export const FAMILIES: readonly EmulatorFamily[] = [webhooksFamily, registryFamily, eventsFamily, jobsFamily, oauthFamily, authFamily, accountsFamily];
