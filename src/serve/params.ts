// Bind's parameter values → the values the engine binds to `$n`. Typed by the OIDs the client gave
// in Parse (0 = let the server infer: kept as text, as PostgreSQL's `unknown`), in text format or,
// for the types drivers send that way, binary.

import { InvalidValueError, UnsupportedSqlError } from '../errors.js';
import type { ParamValue } from '../engine.js';

const INTEGER = new Set([20, 21, 23, 26]);
const FLOAT = new Set([700, 701, 1700]);
const BOOL = 16;

export function paramValues(raw: readonly (Uint8Array | null)[], formats: readonly number[], types: readonly number[]): ParamValue[] {
  return raw.map((bytes, i) => {
    if (bytes === null) return null;
    const format = formats.length === 0 ? 0 : formats.length === 1 ? formats[0] : formats[i];
    const type = types[i] ?? 0;
    return format === 1 ? binaryValue(bytes, type, i) : textValue(Buffer.from(bytes).toString('utf8'), type, i);
  });
}

function textValue(text: string, type: number, i: number): ParamValue {
  if (INTEGER.has(type) || FLOAT.has(type)) {
    const n = Number(text);
    if (!Number.isFinite(n)) throw new InvalidValueError(`parameter $${i + 1}: '${text}' is not a number`);
    return n;
  }
  if (type === BOOL) return ['t', 'true', '1', 'on', 'yes', 'y'].includes(text.toLowerCase());
  return text;
}

function binaryValue(bytes: Uint8Array, type: number, i: number): ParamValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (type) {
    case 16:
      return bytes[0] !== 0;
    case 21:
      return view.getInt16(0);
    case 23:
    case 26:
      return view.getInt32(0);
    case 20:
      return Number(view.getBigInt64(0));
    case 700:
      return view.getFloat32(0);
    case 701:
      return view.getFloat64(0);
    case 0:
    case 25:
    case 1043:
    case 114:
    case 3802:
      return Buffer.from(type === 3802 ? bytes.subarray(1) : bytes).toString('utf8');
    default:
      throw new UnsupportedSqlError(`parameter $${i + 1}: binary values of type OID ${type} are not supported`, { hint: 'send the parameter in text format' });
  }
}

/** A result cell in binary format, for the column types hookql answers with. */
export function binaryCell(typeOid: number, text: string): Uint8Array {
  switch (typeOid) {
    case 16:
      return Uint8Array.of(text === 't' ? 1 : 0);
    case 20: {
      const b = Buffer.alloc(8);
      b.writeBigInt64BE(BigInt(text));
      return b;
    }
    case 21: {
      const b = Buffer.alloc(2);
      b.writeInt16BE(Number(text));
      return b;
    }
    case 23:
    case 26: {
      const b = Buffer.alloc(4);
      b.writeInt32BE(Number(text) | 0);
      return b;
    }
    case 701: {
      const b = Buffer.alloc(8);
      b.writeDoubleBE(Number(text));
      return b;
    }
    default:
      return Buffer.from(text, 'utf8');
  }
}
