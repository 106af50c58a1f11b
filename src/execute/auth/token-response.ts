// Reading tokens from what token endpoints and CLIs print. Each token gets a refresh time: shortly
// before it expires (a minute early, or a quarter of its lifetime for short ones), so a request never
// leaves with a token that dies on the way.

export interface Token {
  /** `Bearer …` (the token type as the issuer named it, Bearer by default). */
  readonly header: string;
  readonly value: string;
  /** Epoch ms after which it is fetched again; Infinity for a PAT. */
  readonly refreshAt: number;
}

export function tokenExpiringAt(value: string, type: string | undefined, expiresAtMs: number | null, now = Date.now()): Token {
  const header = `${normaliseType(type)} ${value}`;
  if (expiresAtMs === null) return { header, value, refreshAt: now + 3_600_000 - 60_000 };
  const lifetime = Math.max(0, expiresAtMs - now);
  return { header, value, refreshAt: now + lifetime - Math.min(60_000, lifetime / 4) };
}

/** x/oauth2 normalises `bearer` to `Bearer` and defaults an absent type (contract §2.3). */
function normaliseType(type: string | undefined): string {
  if (!type || type.toLowerCase() === 'bearer') return 'Bearer';
  return type;
}

/** `expires_in` seconds (a number, or a string as Azure AD v1 sends it), else `expires_on` epoch seconds. */
export function expiryOfResponse(body: Record<string, unknown>, now = Date.now()): number | null {
  const inSeconds = Number(body.expires_in);
  if (body.expires_in !== undefined && Number.isFinite(inSeconds)) return now + inSeconds * 1000;
  const on = Number(body.expires_on);
  if (body.expires_on !== undefined && Number.isFinite(on)) return on * 1000;
  return null;
}

/**
 * A CLI's expiry: RFC 3339 (`2026-08-20T12:34:56.123456789+02:00`, what `databricks auth token`
 * prints) or a local time without zone (`2026-08-20 12:34:56.123456`, what `az` prints). JS dates
 * keep milliseconds only, so longer fractions are cut first.
 */
export function parseCliTime(text: string): number | null {
  const iso = text.trim().replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1');
  const at = Date.parse(iso);
  return Number.isNaN(at) ? null : at;
}
