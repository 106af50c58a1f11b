// Which addresses the emulator may deliver to. A hook's URL is chosen by whoever holds a token, and
// `test` returns the receiver's body: without a policy the emulator is a relay into the machine it
// runs on (127.0.0.1 services, cloud metadata at 169.254.169.254, the private network). So by default
// loopback, private, link-local, shared (CGNAT), unspecified and multicast addresses are refused —
// the resolved address, at delivery time (a public name may resolve to 127.0.0.1), and the literal
// at create/update already.
//
// Opt-ins, because developing a receiver on this machine is what the emulator is for:
// - `allowHttpTargets` (--allow-http-targets) already meant "my receiver is on this machine"
//   (http://127.0.0.1); it also allows loopback over https. The embedded `local` workspace and the
//   test suites set it, so they keep delivering to 127.0.0.1.
// - `allowPrivateTargets` (--allow-private-targets) allows every address above (a receiver on the LAN).
// The emulator's own URL (job hooks without workspace_url run jobs on it) is always allowed.

import { BlockList, isIP } from 'node:net';

export interface TargetPolicy {
  readonly allowLoopback: boolean;
  readonly allowPrivate: boolean;
}

export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'other-special';

const LOOPBACK = blockList([['127.0.0.0', 8, 'ipv4'], ['::1', 128, 'ipv6']]);
const PRIVATE = blockList([['10.0.0.0', 8, 'ipv4'], ['172.16.0.0', 12, 'ipv4'], ['192.168.0.0', 16, 'ipv4'], ['100.64.0.0', 10, 'ipv4'], ['fc00::', 7, 'ipv6']]);
// 169.254.169.254 (cloud metadata) is in here.
const LINK_LOCAL = blockList([['169.254.0.0', 16, 'ipv4'], ['fe80::', 10, 'ipv6']]);
const SPECIAL = blockList([['0.0.0.0', 8, 'ipv4'], ['224.0.0.0', 3, 'ipv4'], ['::', 128, 'ipv6'], ['ff00::', 8, 'ipv6'], ['fd00:ec2::', 32, 'ipv6']]);

function blockList(ranges: [string, number, 'ipv4' | 'ipv6'][]): BlockList {
  const list = new BlockList();
  for (const [net, prefix, type] of ranges) list.addSubnet(net, prefix, type);
  return list;
}

export function classifyAddress(address: string): AddressClass {
  // ::ffff:127.0.0.1 is 127.0.0.1.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1] : address;
  const type = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  if (LOOPBACK.check(ip, type)) return 'loopback';
  if (LINK_LOCAL.check(ip, type)) return 'link-local';
  if (PRIVATE.check(ip, type)) return 'private';
  if (SPECIAL.check(ip, type)) return 'other-special';
  return 'public';
}

/** null when allowed, else why not (for a 400 message or a delivery error). */
export function refusal(address: string, policy: TargetPolicy): string | null {
  const cls = classifyAddress(address);
  if (cls === 'public') return null;
  if (cls === 'loopback' && (policy.allowLoopback || policy.allowPrivate)) return null;
  if ((cls === 'private' || cls === 'link-local') && policy.allowPrivate) return null;
  const how = cls === 'loopback' ? '--allow-http-targets or --allow-private-targets' : cls === 'other-special' ? 'nothing: it is not a unicast address' : '--allow-private-targets';
  return `${address} is a ${cls} address; the emulator does not deliver there unless started with ${how}`;
}

/** The host of a URL as an IP literal (brackets stripped), `localhost` as 127.0.0.1, else null (a name). */
export function literalAddress(hostname: string): string | null {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) return host;
  if (host === 'localhost' || host.endsWith('.localhost')) return '127.0.0.1';
  return null;
}
