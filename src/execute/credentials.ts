import type { AuthChoice } from './auth/auth-plan.js';

/** A workspace (or accounts console) with the auth methods chosen for it; nothing sent yet. */
export interface ResolvedWorkspace {
  /** `https://host[:port]`, no trailing slash. */
  readonly origin: string;
  readonly auth: AuthChoice;
}
