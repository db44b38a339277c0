import { SpaceError } from '../../core/errors.ts';
import type { Json } from '../../core/types.ts';
import { instruction, type Instruction, type RegisterProgram } from './instruction.ts';
import type { FirstWritable, MemoryShape } from './memory.ts';
import { opNamed } from './op-table.ts';
import { checkInstruction } from './validate.ts';

/** One instruction as plain data: only the fields its op uses. */
export function instructionToJSON(ins: Instruction): Json {
  const spec = opNamed(ins.op);
  const out: { [key: string]: Json } = { op: ins.op };
  if (spec.in1 !== undefined) out['in1'] = ins.in1;
  if (spec.in2 !== undefined) out['in2'] = ins.in2;
  if (spec.out !== undefined) out['out'] = ins.out;
  if (spec.data.length > 0) out['data'] = ins.data.slice();
  return out;
}

/** A program as plain data: `{ component: [instruction, ...], ... }`. */
export function programToJSON(program: RegisterProgram): Json {
  const out: { [key: string]: Json } = {};
  for (const name of Object.keys(program)) out[name] = program[name]!.map(instructionToJSON);
  return out;
}

/** What `programFromJSON` checks a program against. */
export interface ProgramSchema {
  readonly memory: MemoryShape;
  readonly firstWritable?: FirstWritable;
  /** Component names, in order, with the ops each may use (undefined: any op) and size bounds. */
  readonly components: readonly { readonly name: string; readonly ops?: readonly string[]; readonly minSize?: number; readonly maxSize?: number }[];
}

const FIELDS = new Set(['op', 'in1', 'in2', 'out', 'data']);

/**
 * Rebuilds a program from plain data, checking everything before any code is made from it:
 * exactly the schema's components, sizes within bounds, known ops allowed in that component,
 * addresses in range and data numbers valid. Throws a SpaceError naming the first problem.
 */
export function programFromJSON(json: unknown, schema: ProgramSchema): RegisterProgram {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new SpaceError(`a register program must be an object of component functions (${schema.components.map((c) => c.name).join(', ')}), got ${describe(json)}`);
  }
  const record = json as { [key: string]: unknown };
  const names = schema.components.map((c) => c.name);
  const extra = Object.keys(record).find((key) => !names.includes(key));
  if (extra !== undefined) throw new SpaceError(`unknown component function '${extra}'; expected ${names.join(', ')}`);
  const program: { [name: string]: Instruction[] } = {};
  for (const component of schema.components) {
    const list = record[component.name];
    if (!Array.isArray(list)) throw new SpaceError(`component function '${component.name}' must be an array of instructions, got ${describe(list)}`);
    const min = component.minSize ?? 0;
    const max = component.maxSize ?? Infinity;
    if (list.length < min || list.length > max) {
      throw new SpaceError(`component function '${component.name}' has ${list.length} instructions; this space allows ${min}..${max}`);
    }
    program[component.name] = list.map((item, k) => instructionFromJSON(item, `${component.name}[${k}]`, component.ops, schema));
  }
  return program;
}

function instructionFromJSON(item: unknown, where: string, allowed: readonly string[] | undefined, schema: ProgramSchema): Instruction {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new SpaceError(`${where}: an instruction must be an object like {"op": "SCALAR_SUM_OP", "in1": 0, "in2": 1, "out": 2}, got ${describe(item)}`);
  const fields = item as { [key: string]: unknown };
  const unknownField = Object.keys(fields).find((key) => !FIELDS.has(key));
  if (unknownField !== undefined) throw new SpaceError(`${where}: unknown field '${unknownField}'; instructions have op, in1, in2, out and data`);
  if (typeof fields['op'] !== 'string') throw new SpaceError(`${where}: 'op' must be an op name string, got ${describe(fields['op'])}`);
  const spec = opNamed(fields['op']);
  if (allowed !== undefined && !allowed.includes(spec.name)) throw new SpaceError(`${where}: op ${spec.name} is not allowed in this component; allowed: ${allowed.join(', ')}`);
  for (const field of ['in1', 'in2', 'out'] as const) {
    const used = spec[field] !== undefined;
    if (used && fields[field] === undefined) throw new SpaceError(`${where}: ${spec.name} needs '${field}'`);
  }
  const ins = instruction(spec.name, {
    in1: spec.in1 === undefined ? 0 : (fields['in1'] as number),
    in2: spec.in2 === undefined ? 0 : (fields['in2'] as number),
    out: spec.out === undefined ? 0 : (fields['out'] as number),
    data: spec.data.length === 0 && fields['data'] === undefined ? [] : (fields['data'] as number[]),
  });
  checkInstruction(`${where} (${spec.name})`, spec, ins, schema.memory, schema.firstWritable);
  return { ...ins, data: ins.data.slice() };
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
