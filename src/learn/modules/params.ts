import { UsageError } from '../../core/errors.ts';
import type { Module } from './module.ts';
import { shapeText, sizeOf, type DType, type Tensor } from '../tensor/tensor.ts';

/*
 * A module's parameters as plain data, so a trained model can be stored with its study: JSON
 * (readable, plain numbers) or a compact binary buffer. Both give back every number bit for
 * bit, −0 and infinities included (a NaN comes back as NaN). Loading checks every name and shape before it writes
 * anything, and then writes into the module's tensors in place, so optimizers and predictors
 * holding them stay attached.
 */

/** One parameter as JSON. Non-finite values and −0 are written as the strings 'NaN', 'Infinity', '-Infinity', '-0'. */
export interface ParameterJson {
  readonly name: string;
  readonly dtype: DType;
  readonly shape: number[];
  readonly values: (number | string)[];
}

/** A module's parameters as JSON, in the module's order. */
export interface ParametersJson {
  readonly format: 'amoeba-parameters';
  readonly version: 1;
  readonly parameters: ParameterJson[];
}

const SPECIAL: Record<string, number> = { 'NaN': NaN, 'Infinity': Infinity, '-Infinity': -Infinity, '-0': -0 };

function encodeValue(v: number): number | string {
  if (Number.isFinite(v)) return Object.is(v, -0) ? '-0' : v;
  return String(v);
}

function decodeValue(v: unknown, name: string): number {
  if (typeof v === 'number') return v;
  const special = typeof v === 'string' ? SPECIAL[v] : undefined;
  if (special === undefined) throw new UsageError(`loadParameters: ${name} holds ${JSON.stringify(v)}, not a number`);
  return special;
}

/** The module's named parameters as JSON. */
export function parametersToJson(module: Module): ParametersJson {
  return {
    format: 'amoeba-parameters',
    version: 1,
    parameters: Object.entries(module.namedParameters()).map(([name, t]) => ({ name, dtype: t.dtype, shape: [...t.shape], values: Array.from(t.data, encodeValue) })),
  };
}

/** A stored parameter, decoded but not yet written. */
interface Stored {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: ArrayLike<number>;
}

/** Checks that `stored` names exactly the module's parameters with the same shapes, then writes them in. */
function writeInto(module: Module, stored: readonly Stored[]): void {
  const named = module.namedParameters();
  const byName = new Map(stored.map((s) => [s.name, s]));
  const missing = Object.keys(named).filter((name) => !byName.has(name));
  const unexpected = stored.map((s) => s.name).filter((name) => !(name in named));
  if (missing.length > 0 || unexpected.length > 0 || byName.size !== stored.length) {
    const parts = [missing.length > 0 ? `missing ${missing.join(', ')}` : '', unexpected.length > 0 ? `unexpected ${unexpected.join(', ')}` : '', byName.size !== stored.length ? 'a name given twice' : ''];
    throw new UsageError(`loadParameters: the stored parameters do not fit this module (${parts.filter(Boolean).join('; ')}); build the module with the options it was trained with`);
  }
  const writes: [Tensor, ArrayLike<number>][] = Object.entries(named).map(([name, t]) => {
    const s = byName.get(name)!;
    if (s.shape.length !== t.rank || s.shape.some((d, i) => d !== t.shape[i])) {
      throw new UsageError(`loadParameters: ${name} has shape ${shapeText(t.shape)} in the module but ${shapeText(s.shape)} stored; build the module with the options it was trained with`);
    }
    return [t, s.values];
  });
  for (const [t, values] of writes) t.data.set(values);
}

function checkShape(shape: unknown, name: string): number[] {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) throw new UsageError(`loadParameters: ${name} has no valid shape`);
  return shape as number[];
}

/** Writes parameters stored by `parametersToJson` into a module of the same architecture. */
export function loadParametersJson(module: Module, json: unknown): void {
  const data = json as Partial<ParametersJson> | null;
  if (typeof data !== 'object' || data === null || data.format !== 'amoeba-parameters' || !Array.isArray(data.parameters)) {
    throw new UsageError('loadParameters: not stored parameters (expected { format: "amoeba-parameters", parameters: [...] })');
  }
  if (data.version !== 1) throw new UsageError(`loadParameters: version ${String(data.version)} is not supported (this build reads version 1)`);
  writeInto(module, data.parameters.map((p: Partial<ParameterJson>, i) => {
    const name = typeof p?.name === 'string' ? p.name : `parameter ${i}`;
    const shape = checkShape(p?.shape, name);
    if (!Array.isArray(p.values) || p.values.length !== sizeOf(shape)) throw new UsageError(`loadParameters: ${name} needs ${sizeOf(shape)} values for shape ${shapeText(shape)}`);
    return { name, shape, values: p.values.map((v) => decodeValue(v, name)) };
  }));
}

// Binary layout, little-endian: 'AMPB', u32 version, u32 count, then per parameter
// u16 name length, the UTF-8 name, u8 dtype (0 float32, 1 float64), u8 rank, u32 per axis, the values.
const MAGIC = [0x41, 0x4d, 0x50, 0x42];
const VERSION = 1;

/** The module's named parameters as a compact little-endian buffer. */
export function parametersToBinary(module: Module): Uint8Array {
  const entries = Object.entries(module.namedParameters()).map(([name, t]) => ({ name: new TextEncoder().encode(name), t }));
  const length = 12 + entries.reduce((n, { name, t }) => n + 4 + name.length + 4 * t.rank + t.size * (t.dtype === 'float64' ? 8 : 4), 0);
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, entries.length, true);
  let at = 12;
  for (const { name, t } of entries) {
    if (name.length > 0xffff || t.rank > 0xff) throw new UsageError(`parametersToBinary: the name or rank of ${new TextDecoder().decode(name)} is too large`);
    view.setUint16(at, name.length, true);
    bytes.set(name, at + 2);
    at += 2 + name.length;
    const wide = t.dtype === 'float64';
    view.setUint8(at, wide ? 1 : 0);
    view.setUint8(at + 1, t.rank);
    at += 2;
    for (const d of t.shape) {
      view.setUint32(at, d, true);
      at += 4;
    }
    for (const v of t.data) {
      if (wide) view.setFloat64(at, v, true);
      else view.setFloat32(at, v, true);
      at += wide ? 8 : 4;
    }
  }
  return bytes;
}

/** Writes parameters stored by `parametersToBinary` into a module of the same architecture. */
export function loadParametersBinary(module: Module, bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (count: number): void => {
    if (at + count > bytes.length) throw new UsageError('loadParameters: the buffer is truncated');
  };
  need(12);
  if (MAGIC.some((b, i) => bytes[i] !== b)) throw new UsageError('loadParameters: not stored parameters (the buffer does not start with AMPB)');
  if (view.getUint32(4, true) !== VERSION) throw new UsageError(`loadParameters: version ${view.getUint32(4, true)} is not supported (this build reads version ${VERSION})`);
  const count = view.getUint32(8, true);
  at = 12;
  const stored: Stored[] = [];
  for (let p = 0; p < count; p++) {
    need(2);
    const nameLength = view.getUint16(at, true);
    need(2 + nameLength + 2);
    const name = new TextDecoder().decode(bytes.subarray(at + 2, at + 2 + nameLength));
    at += 2 + nameLength;
    const kind = view.getUint8(at);
    if (kind > 1) throw new UsageError(`loadParameters: ${name} has element type code ${kind}, not 0 (float32) or 1 (float64)`);
    const wide = kind === 1;
    const rank = view.getUint8(at + 1);
    at += 2;
    need(4 * rank);
    const shape = Array.from({ length: rank }, (_, i) => view.getUint32(at + 4 * i, true));
    at += 4 * rank;
    const size = sizeOf(shape);
    need(size * (wide ? 8 : 4));
    const values = wide ? new Float64Array(size) : new Float32Array(size);
    for (let i = 0; i < size; i++) {
      values[i] = wide ? view.getFloat64(at, true) : view.getFloat32(at, true);
      at += wide ? 8 : 4;
    }
    stored.push({ name, shape, values });
  }
  if (at !== bytes.length) throw new UsageError(`loadParameters: ${bytes.length - at} bytes follow the last parameter`);
  writeInto(module, stored);
}
