// Encodes the backend messages a query answer needs (see wire-reader.ts for why they are here and
// not in a library): each is a type byte, an int32 length that counts itself, then the fields.

import { BackendError } from 'pg-gateway';

class Writer {
  private readonly parts: Buffer[] = [];
  int16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeInt16BE(v);
    this.parts.push(b);
    return this;
  }
  int32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(v);
    this.parts.push(b);
    return this;
  }
  cstring(s: string): this {
    this.parts.push(Buffer.from(s, 'utf8'), Buffer.from([0]));
    return this;
  }
  bytes(b: Uint8Array): this {
    this.parts.push(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    return this;
  }
  message(code: string): Uint8Array {
    const body = Buffer.concat(this.parts);
    const head = Buffer.alloc(5);
    head.write(code, 0, 'latin1');
    head.writeInt32BE(body.length + 4, 1);
    return Buffer.concat([head, body]);
  }
}

export interface WireField {
  readonly name: string;
  readonly typeOid: number;
  /** Bytes per value, or -1 for variable length. */
  readonly typeSize: number;
}

/** `formats[i]`: 0 text, 1 binary (what Bind asked for; text when absent). */
export function rowDescription(fields: readonly WireField[], formats: readonly number[] = []): Uint8Array {
  const w = new Writer().int16(fields.length);
  fields.forEach((f, i) => w.cstring(f.name).int32(0).int16(0).int32(f.typeOid).int16(f.typeSize).int32(-1).int16(formats[i] ?? 0));
  return w.message('T');
}

/** One row: text cells as UTF-8, binary cells as given; null is a SQL NULL (length -1). */
export function dataRow(cells: readonly (string | Uint8Array | null)[]): Uint8Array {
  const w = new Writer().int16(cells.length);
  for (const c of cells) {
    if (c === null) w.int32(-1);
    else {
      const b = typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
      w.int32(b.byteLength).bytes(b);
    }
  }
  return w.message('D');
}

export const commandComplete = (tag: string): Uint8Array => new Writer().cstring(tag).message('C');
export const parseComplete = (): Uint8Array => new Writer().message('1');
export const bindComplete = (): Uint8Array => new Writer().message('2');
export const closeComplete = (): Uint8Array => new Writer().message('3');
export const noData = (): Uint8Array => new Writer().message('n');
export const emptyQuery = (): Uint8Array => new Writer().message('I');
export const portalSuspended = (): Uint8Array => new Writer().message('s');

export function parameterDescription(types: readonly number[]): Uint8Array {
  const w = new Writer().int16(types.length);
  for (const t of types) w.int32(t);
  return w.message('t');
}

export const parameterStatus = (name: string, value: string): Uint8Array => new Writer().cstring(name).cstring(value).message('S');
export const backendKeyData = (pid: number, secret: number): Uint8Array => new Writer().int32(pid).int32(secret).message('K');

/** `I` idle, `T` in a transaction block, `E` in a failed one. */
export const readyForQuery = (status: 'I' | 'T' | 'E'): Uint8Array => new Writer().bytes(Buffer.from(status, 'latin1')).message('Z');

export interface WireError {
  readonly severity: 'ERROR' | 'FATAL';
  readonly sqlstate: string;
  readonly message: string;
  readonly hint?: string;
  readonly detail?: string;
}

export function errorResponse(e: WireError): Uint8Array {
  return BackendError.create({ severity: e.severity, code: e.sqlstate, message: e.message, hint: e.hint, detail: e.detail }).flush();
}

/** A NoticeResponse: what psql prints as `NOTICE:  …` (the write summaries). */
export function notice(message: string): Uint8Array {
  return new Writer().bytes(Buffer.from('SNOTICE\0VNOTICE\0C00000\0M', 'latin1')).cstring(message).bytes(Buffer.from([0])).message('N');
}
