// Node module hooks that run the TypeScript sources directly in a child process (Node 20 cannot
// strip types itself): `./x.js` imports resolve to `./x.ts`, and .ts files are transpiled one by one
// with the project's own TypeScript. Only for the pseudo-terminal tests, which need a real process.
// Output is cached by content hash in the temp dir: loading the compiler and transpiling the whole
// engine costs seconds per process, which adds up over a dozen shells on a busy CI machine.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CACHE = join(tmpdir(), 'hookql-ts-cache');
let compiler = null;

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (e) {
    const relative = specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:');
    if (relative && specifier.endsWith('.js')) return next(specifier.slice(0, -3) + '.ts', context);
    throw e;
  }
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const path = fileURLToPath(url);
  const source = await readFile(path, 'utf8');
  const cached = join(CACHE, createHash('sha1').update(path).update('\0').update(source).digest('hex') + '.js');
  const hit = await readFile(cached, 'utf8').catch(() => null);
  if (hit !== null) return { format: 'module', source: hit, shortCircuit: true };
  compiler ??= (await import('typescript')).default;
  const { outputText } = compiler.transpileModule(source, {
    fileName: path,
    compilerOptions: { module: compiler.ModuleKind.ESNext, target: compiler.ScriptTarget.ES2022, sourceMap: false },
  });
  await mkdir(CACHE, { recursive: true });
  // Write then rename: shells starting in parallel must never read a half-written file.
  const partial = `${cached}.${process.pid}.tmp`;
  await writeFile(partial, outputText);
  await rename(partial, cached);
  return { format: 'module', source: outputText, shortCircuit: true };
}
