// What a person sees when the shell opens at a terminal: where statements go, how to get help,
// and two statements that work on a fresh machine against the empty local workspace.

import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative } from 'node:path';
import { VERSION } from '../../version.js';
import type { Registry } from '../../definition/types.js';
import type { ShellState } from './shell-state.js';
import { packagePath } from '../../util/package-root.js';

const EXAMPLES_DIR = packagePath('manifests', 'examples');
const PREFERRED_EXAMPLE = 'slack-production-transitions.yaml';

export function bannerText(state: ShellState, registry: Registry, home: string): string {
  // The example statements use these columns: name the resource that has them (the webhooks).
  const fits = [...registry.resources.values()].find((r) => ['model_name', 'events', 'http_url_spec'].every((n) => r.fields.some((f) => f.name === n)));
  const resource = fits?.id ?? [...registry.resources.keys()][0] ?? 'provider.service.resource';
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
    `From your shell, apply a whole manifest:  ${exampleManifest()}`,
    '',
  ].join('\n');
}

/**
 * The command that applies a bundled example manifest, as the user can type it from where they
 * are: its path, and the environment variables its secrets come from (`{{ env.NAME }}`), with a
 * demo value, since the manifest refuses to run without them.
 */
function exampleManifest(): string {
  try {
    const names = readdirSync(EXAMPLES_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
    // The Slack one is the everyday case; any other bundled example will do if it is gone.
    const name = names.includes(PREFERRED_EXAMPLE) ? PREFERRED_EXAMPLE : names[0];
    if (name !== undefined) {
      const file = join(EXAMPLES_DIR, name);
      // Only placeholders in the YAML itself, not in its comments (which may explain `{{ env.NAME }}`).
      const yaml = readFileSync(file, 'utf8').replace(/(^|\s)#.*$/gm, '');
      const env = [...new Set([...yaml.matchAll(/\{\{\s*env\.(\w+)\s*\}\}/g)].map((m) => m[1]))];
      return [...env.map((n) => `${n}=demo-secret`), 'hookql apply', shownPath(file)].join(' ');
    }
  } catch {
    // no examples folder (a trimmed install): fall through to the generic form
  }
  return 'hookql apply manifests/examples/<manifest>.yaml';
}

/** Relative when the file is under the working directory (also through a link), else absolute. */
function shownPath(file: string): string {
  const path = relative(process.cwd(), file);
  if (!path.startsWith('..')) return path;
  const local = join('manifests', 'examples', file.slice(EXAMPLES_DIR.length));
  try {
    if (realpathSync(local) === realpathSync(file)) return local;
  } catch {
    // no such file here
  }
  return file;
}
