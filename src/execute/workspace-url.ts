import { ConfigError } from '../errors.js';

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

export function looksLikeUrl(text: string): boolean {
  return URL_LIKE.test(text);
}

/**
 * The origin of a workspace URL. Plain http is allowed only to this machine (the emulator, a
 * tunnel): anywhere else a token would cross the network in clear text.
 */
export function workspaceOrigin(text: string, where: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`${where} is not a valid URL`, { hint: 'write it as https://<host>' });
  }
  // Never echo a URL with user info: it would put a password in the message.
  if (url.username !== '' || url.password !== '') {
    throw new ConfigError(`${where} must not contain credentials in the URL`, {
      hint: 'put the token in DATABRICKS_TOKEN or a ~/.databrickscfg profile',
    });
  }
  if (url.protocol === 'https:') return url.origin;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return url.origin;
  const reason = url.protocol === 'http:' ? 'plain http is allowed only for loopback hosts' : `unsupported scheme '${url.protocol}'`;
  // `origin` is "null" for schemes URL does not know (htp:); show what was written instead.
  const shown = url.origin === 'null' ? `${url.protocol}//${url.host}` : url.origin;
  throw new ConfigError(`${where} (${shown}): ${reason}`, {
    hint: 'use https://, or http://127.0.0.1:<port> for a local emulator',
  });
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
