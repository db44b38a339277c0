import { SpaceError } from '../../core/errors.ts';
import type { Instruction } from './instruction.ts';
import type { FirstWritable, MemoryShape, RegisterKind } from './memory.ts';
import { registerCount } from './memory.ts';
import type { OpSpec } from './op-spec.ts';

const PREFIX: Record<RegisterKind, string> = { scalar: 's', vector: 'v', matrix: 'm' };

function checkAddress(where: string, field: string, kind: RegisterKind, value: unknown, first: number, shape: MemoryShape): void {
  const count = registerCount(shape, kind);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < first || value >= count) {
    const range = first >= count ? `none (the memory has ${count} ${kind} registers)` : `${PREFIX[kind]}${first}..${PREFIX[kind]}${count - 1}`;
    throw new SpaceError(`${where}: ${field} must be a ${kind} register in ${range}, got ${JSON.stringify(value)}`);
  }
}

/**
 * Checks one instruction against its op and the memory: integer addresses in range (outputs
 * at or above `firstWritable`), and the right count of finite data numbers (index fractions
 * in [0, 1), uniform bounds ordered, Gaussian deviations >= 0). Throws a SpaceError naming
 * `where` and the field; compiled code is only ever emitted from checked instructions.
 */
export function checkInstruction(where: string, spec: OpSpec, ins: Instruction, shape: MemoryShape, firstWritable?: FirstWritable): void {
  if (spec.in1 !== undefined) checkAddress(where, 'in1', spec.in1, ins.in1, 0, shape);
  if (spec.in2 !== undefined) checkAddress(where, 'in2', spec.in2, ins.in2, 0, shape);
  if (spec.out !== undefined) checkAddress(where, 'out', spec.out, ins.out, firstWritable?.[spec.out] ?? 0, shape);
  const data = ins.data as unknown;
  if (!Array.isArray(data) || data.length !== spec.data.length) {
    throw new SpaceError(`${where}: ${spec.name} takes ${spec.data.length} data numbers, got ${JSON.stringify(data)}`);
  }
  for (let d = 0; d < spec.data.length; d++) {
    const value: unknown = data[d];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new SpaceError(`${where}: data[${d}] must be a finite number, got ${JSON.stringify(value)}`);
    if (spec.data[d] === 'index' && !(value >= 0 && value < 1)) throw new SpaceError(`${where}: data[${d}] is an index fraction and must be in [0, 1), got ${value}`);
  }
  if (spec.dataKind === 'uniform' && ins.data[0]! > ins.data[1]!) throw new SpaceError(`${where}: uniform bounds must be ordered (low <= high), got [${ins.data[0]}, ${ins.data[1]}]`);
  if (spec.dataKind === 'gaussian' && ins.data[1]! < 0) throw new SpaceError(`${where}: the Gaussian standard deviation data[1] must be >= 0, got ${ins.data[1]}`);
}
