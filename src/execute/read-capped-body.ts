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
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBytes) {
      body.destroy();
      return null;
    }
    chunks.push(buf);
  }
  return chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
}
