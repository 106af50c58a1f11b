// Child processes for the benchmarks: every one is tracked and killed when the harness exits, fails
// or is interrupted, so no emulator outlives a run. Wall time is measured from spawn to exit.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const children = new Set();

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/**
 * Kills every child still running, by its own id — never by name. Children are started as their own
 * process group, so this also reaches what they started (the node under `/usr/bin/time`).
 */
export function killAll() {
  for (const child of children) killGroup(child);
  children.clear();
}

function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

let timeDir = null; // /usr/bin/time -o reports, removed on exit
process.once('exit', () => {
  killAll();
  if (timeDir) rmSync(timeDir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

/**
 * Runs a command to completion. Resolves { code, stdout, stderr, ms } — ms is spawn → exit.
 * With `peakRss: true`, also { peakRssKb }: from `/usr/bin/time -v` when installed (the kernel's own
 * max RSS of the process), else by sampling VmHWM in /proc/PID/status every 5 ms (a high-water mark,
 * so a sample taken late in the run already includes any earlier peak).
 */
export function run(command, args, { env, peakRss = false, timeoutMs = 120_000 } = {}) {
  const useTime = peakRss && existsSync('/usr/bin/time');
  if (useTime) timeDir ??= mkdtempSync(join(tmpdir(), 'hookql-bench-time-'));
  const timeFile = useTime ? join(timeDir, `${Math.random().toString(36).slice(2)}.txt`) : null;
  const [cmd, argv] = useTime ? ['/usr/bin/time', ['-v', '-o', timeFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = track(spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true }));
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
    let hwm = 0;
    const sampler = peakRss && !useTime ? setInterval(() => (hwm = Math.max(hwm, vmHwmKb(child.pid))), 5) : null;
    const timer = setTimeout(() => killGroup(child), timeoutMs);
    let ms = 0;
    child.once('exit', () => {
      ms = performance.now() - started;
      if (sampler) clearInterval(sampler);
      clearTimeout(timer);
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const result = { code: code ?? (signal ? 128 : 1), stdout, stderr, ms };
      if (useTime) result.peakRssKb = timeMaxRss(timeFile);
      else if (peakRss) result.peakRssKb = hwm;
      resolve(result);
    });
  });
}

/** Like run(), but rejects unless the command exits 0; the error carries its stderr. */
export async function runOk(command, args, options) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(`${[command, ...args].join(' ').slice(0, 300)}\nexited ${result.code}\n${result.stderr.slice(-2000)}`);
  }
  return result;
}

/** Starts a long-running child and resolves with it and the first line it prints on stdout. */
export function startWithFirstLine(command, args, { env, timeoutMs = 20_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = track(spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true }));
    let out = '';
    let err = '';
    const fail = (why) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')}: ${why}\n${err.slice(-2000)}`));
    };
    const timer = setTimeout(() => fail(`no output within ${timeoutMs} ms`), timeoutMs);
    child.stderr.setEncoding('utf8').on('data', (c) => (err += c));
    child.stdout.setEncoding('utf8').on('data', (c) => {
      out += c;
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        child.stdout.removeAllListeners('data');
        child.stdout.resume(); // keep draining so the child never blocks on a full pipe
        resolve({ child, line: out.slice(0, nl).trim() });
      }
    });
    child.once('exit', (code) => fail(`exited ${code} before printing a line`));
    child.once('error', (e) => fail(e.message));
  });
}

/** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
export function stop(child, graceMs = 3000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function vmHwmKb(pid) {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // exited between samples
  }
}

function timeMaxRss(file) {
  const text = readFileSync(file, 'utf8');
  rmSync(file, { force: true });
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
  if (!match) throw new Error(`/usr/bin/time -v reported no maximum RSS:\n${text}`);
  return Number(match[1]);
}
