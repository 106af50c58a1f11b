// What `--help` says after commander's usage and options: examples for each command, and for the
// program the environment variables and exit codes. Kept apart from the commands so each command
// file stays about its behaviour.

const R = 'databricks_workspace.ml.model_registry_webhooks';

export const EXIT_CODES = `Exit codes:
  0  success
  1  the API or the network failed (never an empty result), or a change of apply failed
  2  the input was wrong (SQL, parameters, manifest, flags): nothing was sent
  3  plan --detailed-exitcode: changes are pending`;

export const ENVIRONMENT = `Environment:
  HOOKQL_HOME               where hookql keeps its state (default ~/.hookql): local.db, history, cache
  HOOKQL_WORKSPACE          the workspace of statements that name none (exec, shell)
  HOOKQL_DEBUG=1            a line per HTTP exchange (Authorization: ***) and stack traces
  DATABRICKS_TOKEN          a personal access token for URL and named workspaces
  DATABRICKS_CLIENT_ID, DATABRICKS_CLIENT_SECRET
                            OAuth machine-to-machine credentials (instead of a token)
  DATABRICKS_CONFIG_FILE    the profiles file (default ~/.databrickscfg)
  PAGER, EDITOR             the shell's pager (default less -S) and \\e editor
  NO_COLOR                  no colours in the shell`;

export const PROGRAM_HELP = `
Examples:
  hookql shell                                   the SQL prompt, on the built-in local workspace
  hookql exec "SELECT id, model_name, status FROM ${R} WHERE workspace = 'local'"
  hookql plan hooks.yaml --detailed-exitcode      what apply would change (exit 3 when something would)
  hookql completion bash > ~/.local/share/bash-completion/completions/hookql

${ENVIRONMENT}

${EXIT_CODES}

Docs: README.md and docs/ (shell, SQL, manifests, workspaces and auth, emulator).`;

export const COMMAND_HELP: Readonly<Record<string, string>> = {
  exec: `
Examples:
  hookql exec "SELECT count(*) FROM ${R} WHERE workspace = 'local'"
  hookql exec -w prod -o json "SELECT id, events FROM ${R} WHERE status = 'ACTIVE'"
  hookql exec -f deploy.sql --var secret="$HOOK_SECRET"
  echo "SHOW RESOURCES" | hookql exec -f -

-o json prints one JSON document: the rows of the statement, or for a script of several statements
an array with each statement's rows. Stops at the first error (the shell on stdin goes on).

${EXIT_CODES}`,
  shell: `
Examples:
  hookql shell                          at a terminal: prompt, history, Tab completion; workspace local
  hookql shell -w prod --timing
  hookql shell --workspace local < inventory.sql   a script: goes on after errors, exits with the first one's code

In the shell, .help lists the commands (\\d, \\x, .mode, .headers, \\e, \\timing, .read, …).

${EXIT_CODES}`,
  plan: `
Examples:
  hookql plan hooks.yaml
  hookql plan hooks.yaml --var workspace=prod --detailed-exitcode     exit 3 when changes are pending
  hookql plan hooks.yaml --prune -o json

${EXIT_CODES}`,
  apply: `
Examples:
  hookql apply hooks.yaml --var workspace=prod
  SLACK_WEBHOOK_SECRET=… hookql apply manifests/examples/slack-production-transitions.yaml
  hookql apply hooks.yaml --dry-run                 the plan and the SQL it would run
  hookql apply hooks.yaml --prune --concurrency 16

${EXIT_CODES}`,
  emulator: `
Examples:
  hookql emulator                                   on a free port; the first stdout line is its URL
  hookql emulator --port 8080 --db :memory: --allow-http-targets
  hookql emulator --faults latency=20,503=0.1,seed=7

Exit codes: 0 stopped by SIGINT/SIGTERM, 1 could not start, 2 a bad flag or fault spec.`,
  completion: `
Examples:
  hookql completion bash > ~/.local/share/bash-completion/completions/hookql
  echo 'eval "$(hookql completion bash)"' >> ~/.bashrc
  hookql completion zsh > "\${fpath[1]}/_hookql"     then restart zsh (compinit)`,
};
