// What a person sees when the shell opens at a terminal: where statements go, how to get help,
// and two statements that work on a fresh machine against the empty local workspace.

import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../../version.js';
import type { Registry } from '../../definition/types.js';
import type { ShellState } from './shell-state.js';

// src/cli/shell/ and dist/cli/shell/ are both three levels below the package root.
const EXAMPLES_DIR = fileURLToPath(new URL('../../../manifests/examples/', import.meta.url));
const PREFERRED_EXAMPLE = 'slack-production-transitions.yaml';

export function bannerText(state: ShellState, registry: Registry, home: string): string {
  const resource = [...registry.resources.keys()][0] ?? 'provider.service.resource';
  const where =
    state.workspace === 'local'
      ? `Workspace: local, the built-in emulator (state in ${join(home, 'local.db')}${existsSync(join(home, 'local.db')) ? '' : ', new and empty'}).`
      : state.workspace === null
        ? "No default workspace: add WHERE workspace = '…' to statements, or use .workspace NAME."
        : `Workspace: ${state.workspace} (used when a statement names none; .workspace NAME changes it).`;
  return [
    `hookql ${VERSION}: SQL for Databricks MLflow Model Registry webhooks.`,
    where,
    'Type .help for commands. Statements end with ;  Tab completes, Ctrl-C cancels, Ctrl-D leaves.',
    '',
    'Try:',
    `  INSERT INTO ${resource} (model_name, events, http_url_spec)`,
    `    SELECT 'churn-model', '["MODEL_VERSION_CREATED"]',`,
    `           '{"url": "https://example.com/hook"}' RETURNING id;`,
    `  SELECT id, model_name, events, status FROM ${resource};`,
    `From your shell, apply a whole manifest:  hookql apply ${exampleManifest()}`,
    '',
  ].join('\n');
}

/** A bundled example manifest, as a path the user can type from where they are. */
function exampleManifest(): string {
  try {
    const names = readdirSync(EXAMPLES_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
    // The Slack one is the everyday case; any other bundled example will do if it is gone.
    const name = names.includes(PREFERRED_EXAMPLE) ? PREFERRED_EXAMPLE : names[0];
    if (name !== undefined) {
      const path = relative(process.cwd(), join(EXAMPLES_DIR, name));
      return path.startsWith('..') ? join(EXAMPLES_DIR, name) : path;
    }
  } catch {
    // no examples folder (a trimmed install): fall through to the generic form
  }
  return 'manifests/examples/<manifest>.yaml';
}
