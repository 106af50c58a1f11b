// Decodes the frontend messages of the extended query protocol. pg-gateway frames the stream and
// runs start-up, TLS and SCRAM; what follows authentication it hands over as raw messages, and
// pg-protocol (node-postgres's codec) only decodes what a *server* sends. So the few message
// layouts below are read here, from the protocol's documented formats
// (https://www.postgresql.org/docs/current/protocol-message-formats.html). A DataView over the
// message's own bytes: messages arrive as views into a larger chunk (several per TCP packet).

export type FrontendMessage =
  | { readonly kind: 'query'; readonly sql: string }
  | { readonly kind: 'parse'; readonly name: string; readonly sql: string; readonly paramTypes: readonly number[] }
  | {
      readonly kind: 'bind';
      readonly portal: string;
      readonly statement: string;
      readonly paramFormats: readonly number[];
      readonly params: readonly (Uint8Array | null)[];
      readonly resultFormats: readonly number[];
    }
  | { readonly kind: 'describe'; readonly target: 'S' | 'P'; readonly name: string }
  | { readonly kind: 'execute'; readonly portal: string; readonly maxRows: number }
  | { readonly kind: 'close'; readonly target: 'S' | 'P'; readonly name: string }
  | { readonly kind: 'sync' }
  | { readonly kind: 'flush' }
  | { readonly kind: 'terminate' }
  | { readonly kind: 'other'; readonly code: string };

class Reader {
  private offset = 5; // after the type byte and the length
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  byte(): number {
    return this.view.getUint8(this.offset++);
  }
  int16(): number {
    const v = this.view.getInt16(this.offset);
    this.offset += 2;
    return v;
  }
  int32(): number {
    const v = this.view.getInt32(this.offset);
    this.offset += 4;
    return v;
  }
  cstring(): string {
    const end = this.bytes.indexOf(0, this.offset);
    if (end < 0) throw new Error('malformed message: unterminated string');
    const s = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.offset, end - this.offset).toString('utf8');
    this.offset = end + 1;
    return s;
  }
  bytesOf(n: number): Uint8Array {
    const out = this.bytes.slice(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
  list<T>(read: () => T): T[] {
    const n = this.int16();
    return Array.from({ length: n }, read);
  }
}

export function readFrontendMessage(bytes: Uint8Array): FrontendMessage {
  const code = String.fromCharCode(bytes[0]);
  const r = new Reader(bytes);
  switch (code) {
    case 'Q':
      return { kind: 'query', sql: r.cstring() };
    case 'P':
      return { kind: 'parse', name: r.cstring(), sql: r.cstring(), paramTypes: r.list(() => r.int32()) };
    case 'B': {
      const portal = r.cstring();
      const statement = r.cstring();
      const paramFormats = r.list(() => r.int16());
      const params = r.list(() => {
        const n = r.int32();
        return n < 0 ? null : r.bytesOf(n);
      });
      return { kind: 'bind', portal, statement, paramFormats, params, resultFormats: r.list(() => r.int16()) };
    }
    case 'D':
      return { kind: 'describe', target: String.fromCharCode(r.byte()) === 'S' ? 'S' : 'P', name: r.cstring() };
    case 'E':
      return { kind: 'execute', portal: r.cstring(), maxRows: r.int32() };
    case 'C':
      return { kind: 'close', target: String.fromCharCode(r.byte()) === 'S' ? 'S' : 'P', name: r.cstring() };
    case 'S':
      return { kind: 'sync' };
    case 'H':
      return { kind: 'flush' };
    case 'X':
      return { kind: 'terminate' };
    default:
      return { kind: 'other', code };
  }
}

/** A CancelRequest (sent on a fresh connection instead of a start-up message): its key, or null. */
export function readCancelRequest(bytes: Uint8Array): { readonly pid: number; readonly secret: number } | null {
  if (bytes.byteLength !== 16) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getInt32(0) !== 16 || view.getInt32(4) !== 80877102) return null;
  return { pid: view.getInt32(8), secret: view.getInt32(12) };
}
