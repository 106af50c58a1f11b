// What execute/ takes from undici: a keep-alive Agent, Dispatcher.request() and the header parser.
//
// `import … from 'undici'` evaluates the package's index, which loads every feature it has (fetch,
// WebSocket, EventSource, mocks, caches, proxy agents, interceptors): ~60 ms of start-up for every
// statement that talks to a workspace, against ~20 ms for the two modules used here. undici has no
// "exports" map, so those modules are reachable by path; if a release moves or reshapes them, the
// whole package is loaded instead — the same behaviour, only the old start-up cost.
// In the executable's bundle (scripts/bundle.js) the two modules and what they load are bundled:
// compiled from the bundle's code cache, with no resolve, read and compile of ~25 files per run.

import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import type { Agent, Dispatcher } from 'undici';

export interface UndiciPort {
  readonly Agent: typeof Agent;
  /** `Dispatcher.request(options)` on any dispatcher: our Agent, or an injected one (MockAgent in tests). */
  request(dispatcher: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
  /** undici's own raw-headers parser (what request() gives as `headers`): lower-case names, repeats as arrays. */
  parseHeaders(raw: readonly Buffer[]): Record<string, string | string[] | undefined>;
}

type ParseHeaders = UndiciPort['parseHeaders'];

type RequestFn = (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;

let port: UndiciPort | null = null;

export function undici(): UndiciPort {
  return (port ??= load());
}

function load(): UndiciPort {
  // undici parses HTTP with llhttp compiled to WebAssembly. V8 compiles it at once with its baseline
  // compiler, then again in background threads with its optimizing one: that second compile was the
  // peak of a listing's memory (~30 MB: 100 MB for one empty page against 66 MB without it, B2 in
  // bench/) and CPU on a shared core, for headers and small bodies the baseline code parses fast
  // enough. The flag only concerns WebAssembly, read when a module is compiled; hookql has no other.
  setFlagsFromString('--liftoff-only');
  const require = createRequire(import.meta.url);
  try {
    const bundled = bundledModules();
    const AgentClass = bundled?.agent ?? (require('undici/lib/dispatcher/agent.js') as unknown);
    const request = bundled?.request ?? (require('undici/lib/api/api-request.js') as unknown);
    const util = (bundled?.util ?? require('undici/lib/core/util.js')) as { parseHeaders?: unknown };
    if (typeof AgentClass === 'function' && typeof request === 'function' && typeof util.parseHeaders === 'function') {
      // What undici's own index does for Dispatcher.prototype.request: the API function, called on the dispatcher.
      return { Agent: AgentClass as typeof Agent, request: (d, o) => (request as RequestFn).call(d, o), parseHeaders: util.parseHeaders as ParseHeaders };
    }
  } catch {
    // moved in this release: fall through to the whole package
  }
  const full = require('undici') as typeof import('undici');
  return { Agent: full.Agent, request: (d, o) => d.request(o), parseHeaders: (raw) => full.util.parseHeaders(raw as Buffer[]) };
}

/** In the CLI's bundle (scripts/bundle.js) the free `require` is esbuild's; under tsc (ES modules) there is none. */
function bundledModules(): { agent: unknown; request: unknown; util: unknown } | null {
  if (typeof require !== 'function') return null;
  return {
    agent: require('undici/lib/dispatcher/agent.js') as unknown,
    request: require('undici/lib/api/api-request.js') as unknown,
    util: require('undici/lib/core/util.js') as unknown,
  };
}
