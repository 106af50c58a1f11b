// The OAuth M2M family: discovery and the token endpoint (both public), and the issued tokens.
// Issued tokens survive a reset on purpose: a client logged in before the reset stays logged in.

import type { EmulatorFamily } from '../family.js';
import { oauthRoutes, publicPaths } from './oauth-routes.js';
import { OAUTH_TOKENS_SCHEMA } from './token-store.js';

export const oauthFamily: EmulatorFamily = {
  name: 'oauth',
  schema: OAUTH_TOKENS_SCHEMA,
  routes: oauthRoutes,
  publicPaths,
};
