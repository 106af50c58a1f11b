// fs.promises.readFile(path, 'utf8') through node:fs, which every command has loaded anyway:
// importing node:fs/promises loads readline, fs watchers and directory handles with it, ~1.5 ms of
// the start-up of every statement that resolves a workspace. Same result, same errors (code, message).

import { readFile } from 'node:fs';

export function readText(path: string): Promise<string> {
  return new Promise((resolve, reject) => readFile(path, 'utf8', (err, text) => (err ? reject(err) : resolve(text))));
}
