#!/usr/bin/env node
// One-off recorder: runs an official client's scenario against the emulator through a recording proxy
// and writes what went over the wire to ../recordings/<name>.json, for conformance.test.ts to replay.
//
//   npm run build
//   node test/emulator/conformance/record/record.mjs py-sdk  -- python3 scenario_py_sdk.py
//   node test/emulator/conformance/record/record.mjs js-sdk  -- node22 scenario-js-sdk.mjs
//
// The scenario gets DATABRICKS_HOST (the proxy), HOOKQL_RECORD_* env and marks its steps by calling
// POST <proxy>/__record/step {"name"} before a step and POST <proxy>/__record/outcome {"outcome"} after
// it (what the client made of the answer, e.g. an exception class). Those two calls are not recorded.
// Tokens, the receiver's port and the emulator's address are replaced by {{placeholders}}, so the
// files hold no credential and replay on any port. Regenerate; never hand-edit a recording.

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [name, dashdash, ...command] = process.argv.slice(2);
if (!name || dashdash !== '--' || command.length === 0) {
  process.stderr.write('usage: record.mjs NAME -- COMMAND [ARGS...]\n');
  process.exit(2);
}

const { startEmulator } = await import(join(here, '../../../../dist/emulator/index.js'));
const SECRETS = { admin_token: 'rec-admin-token', user_token: 'rec-user-token', client_id: 'rec-client', client_secret: 'rec-client-secret', hook_secret: 'rec-hook-secret', receiver_token: 'rec-receiver-token' };
const emulator = await startEmulator({ token: SECRETS.admin_token, userToken: SECRETS.user_token, clientId: SECRETS.client_id, clientSecret: SECRETS.client_secret, allowHttpTargets: true });

// A webhook receiver that answers 200 "OK", like the APIDOC test example.
const receiver = createServer((req, res) => req.resume().on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end('OK')));
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${receiver.address().port}`;

const exchanges = [];
let step = 'start';
let stepExchanges = [];
const outcomes = {};
const m2mTokens = new Set();

const proxy = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    if (req.url === '/__record/step') {
      step = JSON.parse(body).name;
      stepExchanges = [];
      return res.writeHead(200).end('{}');
    }
    if (req.url === '/__record/outcome') {
      outcomes[step] = JSON.parse(body).outcome;
      for (const e of stepExchanges) e.client_outcome = outcomes[step];
      return res.writeHead(200).end('{}');
    }
    const upstream = new URL(emulator.url);
    const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      const back = [];
      up.on('data', (c) => back.push(c));
      up.on('end', () => {
        // The emulator names itself in discovery documents; the proxy stands in for it, so a client
        // that follows oidc_endpoint or token_endpoint keeps going through the proxy.
        const text = Buffer.concat(back).toString('utf8').split(emulator.url).join(proxyUrl);
        const exchange = record(req, body, up.statusCode, text);
        exchanges.push(exchange);
        stepExchanges.push(exchange);
        const { 'content-length': _length, ...headers } = up.headers;
        res.writeHead(up.statusCode, headers).end(text);
      });
    });
    forward.on('error', () => res.destroy());
    forward.end(body);
  });
});
await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const proxyUrl = `http://127.0.0.1:${proxy.address().port}`;

function record(req, body, status, text) {
  const [path, query = ''] = req.url.split(/\?(.*)/s);
  let response;
  try {
    response = JSON.parse(text);
  } catch {
    response = text;
  }
  if (response && typeof response.access_token === 'string') m2mTokens.add(response.access_token);
  const headers = {};
  for (const key of ['accept', 'content-type', 'user-agent', 'authorization', 'x-databricks-workspace-id']) {
    if (req.headers[key] !== undefined) headers[key] = scrub(req.headers[key]);
  }
  return { step, request: { method: req.method, path, query: scrub(query), headers, body: scrub(body) }, response: { status, body: scrubJson(response) } };
}

/** Secrets and addresses → placeholders (the proxy, emulator and receiver ports change every run). */
function scrub(text) {
  let out = text;
  for (const token of m2mTokens) out = out.split(token).join('{{m2m_token}}');
  const basic = Buffer.from(`${SECRETS.client_id}:${SECRETS.client_secret}`).toString('base64');
  out = out.split(basic).join('{{client_basic}}');
  // Longest first: 'rec-client' is a prefix of 'rec-client-secret'.
  for (const [key, value] of Object.entries(SECRETS).sort((a, b) => b[1].length - a[1].length)) out = out.split(value).join(`{{${key}}}`);
  for (const [url, key] of [[receiverUrl, 'receiver'], [proxyUrl, 'host'], [emulator.url, 'host']]) {
    out = out.split(url).join(`{{${key}}}`).split(encodeURIComponent(url)).join(`{{${key}}}`);
  }
  return out;
}

function scrubJson(value) {
  return typeof value === 'string' ? scrub(value) : JSON.parse(scrub(JSON.stringify(value)));
}

const child = spawn(command[0], command.slice(1), {
  cwd: here,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, DATABRICKS_HOST: proxyUrl, HOOKQL_RECORD_URL: proxyUrl, HOOKQL_RECORD_RECEIVER: receiverUrl, ...Object.fromEntries(Object.entries(SECRETS).map(([k, v]) => [`HOOKQL_RECORD_${k.toUpperCase()}`, v])) },
});
let stdout = '';
child.stdout.on('data', (c) => (stdout += c));
const code = await new Promise((resolve) => child.on('close', resolve));
const client = JSON.parse(stdout.trim().split('\n').at(-1));
writeFileSync(
  join(here, '../recordings', `${name}.json`),
  `${JSON.stringify({ client: client.client, version: client.version, runtime: client.runtime, recorded_by: 'test/emulator/conformance/record/record.mjs', exchanges }, null, 2)}\n`,
);
process.stderr.write(`recorded ${exchanges.length} exchanges from ${client.client} ${client.version} (scenario exit ${code})\n`);
proxy.close();
receiver.close();
await emulator.close();
process.exit(code === 0 ? 0 : 1);
