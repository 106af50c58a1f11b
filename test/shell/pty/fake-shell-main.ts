// The shell on the real process streams with the fake engine: what the pseudo-terminal tests run
// when they test the terminal behaviour itself (keys, prompts, history) rather than the engine.
import { runShell } from '../../../src/cli/shell/index.js';
import { fakeEngine } from '../fake-engine.js';

process.exitCode = await runShell({
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  setExitCode: (code) => (process.exitCode = code),
  createEngine: (options) => fakeEngine(options),
});
