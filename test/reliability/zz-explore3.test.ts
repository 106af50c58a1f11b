import { afterAll, beforeAll, it } from 'vitest';
import { openSandbox, type Sandbox } from './support/sandbox.js';

let box: Sandbox;
beforeAll(async () => { box = await openSandbox(); });
afterAll(async () => box.close());
it('explore3', async () => {
  const m = `version: 1
vars: { workspace: ${box.emu.url} }
webhooks:
  - name: "a b"
    props:
      - { name: workspace, value: "{{ workspace }}" }
      - { name: model_name, value: "it's \\"x\\" ; -- 日本" }
      - { name: events, value: [COMMENT_CREATED] }
      - { name: description, value: "a\\nb\\\\c {{ x" }
      - { name: http_url_spec, value: { url: "${box.receiver}/x", secret: "{{ env.HOOK_SECRET }}" } }
`;
  for (const args of [['plan', '-'], ['apply', '-'], ['plan', '-', '--detailed-exitcode'], ['apply', '-', '--dry-run']]) {
    const r = await box.cli(args, { stdin: m, env: { HOOK_SECRET: 'hs-123' } });
    console.log(args.join(' '), r.code, r.requests, '\n', r.stdout, '\n', r.stderr);
  }
}, 60_000);
