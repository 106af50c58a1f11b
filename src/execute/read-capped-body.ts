import type { Readable } from 'node:stream';

/**
 * The body as text, or null as soon as it passes `maxBytes` (the stream is destroyed, which closes
 * the connection): a server streaming `{"items":[…` forever must not grow the client's memory.
 */
export async function readCappedBody(body: Readable, maxBytes: number, declaredLength: string | undefined): Promise<string | null> {
  // A declared length over the cap fails before a byte is buffered.
  if (declaredLength !== undefined && Number(declaredLength) > maxBytes) {
    body.destroy();
    return null;
  }
  // Events, not `for await`: an async iterator per response costs more than a small body's read (bench B4).
  return new Promise<string | null>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        body.removeAllListeners('data');
        body.destroy();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    body.once('end', () => resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks, size).toString('utf8')));
    body.once('error', reject);
    // Closed before its end without an error: what `for await` throws then (a settled promise ignores it).
    body.once('close', () => reject(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' })));
  });
}
