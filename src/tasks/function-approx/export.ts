import { UsageError } from '../../core/errors.ts';
import { isConst, type Graph } from '../../spaces/graph/graph.ts';
import type { OpSet } from '../../spaces/graph/op-set.ts';
import { hexFloat } from '../../spaces/graph/print.ts';
import { parseGraph } from '../../spaces/graph/validate.ts';

/** Languages a program can be exported to. */
export type ExportLanguage = 'js' | 'ts' | 'c';

/** Throws a UsageError unless `language` is js, ts or c. */
export function checkLanguage(language: unknown): ExportLanguage {
  if (language !== 'js' && language !== 'ts' && language !== 'c') throw new UsageError(`--export must be ts, js or c, got '${String(language)}'`);
  return language;
}

/** How to write one exported function. */
export interface ExportOptions {
  readonly ops: OpSet;
  /** Round every value to float32 (Math.fround in JS; float in C), as float32 mode scores it. */
  readonly float32?: boolean;
}

/** Straight-line statements, one per op vertex, so a shared subexpression is computed once. */
function statements(g: Graph, options: ExportOptions, language: ExportLanguage): { lines: string[]; result: string } {
  const checked = parseGraph(g, options.ops);
  const float32 = options.float32 === true;
  const literal = (value: number) => {
    if (language !== 'c') return value < 0 ? `(${value})` : String(value);
    return `${hexFloat(value)}${float32 ? 'f' : ''}`;
  };
  const names: string[] = ['x'];
  const lines: string[] = [];
  const type = language === 'c' ? (float32 ? 'const float' : 'const double') : 'const';
  for (const [k, v] of checked.vertices.entries()) {
    if (isConst(v)) {
      names.push(literal(float32 && language !== 'c' ? Math.fround(v.const) : v.const));
      continue;
    }
    const spec = options.ops.find(v.op)!;
    const args = v.args.map((a) => names[a]!);
    let expression: string;
    if (language === 'c') {
      // In float32 mode fma is a*b + c in double rounded once to float, exactly as the JS.
      expression = float32 && spec.name === 'fma' ? `(float)((double)${args[0]} * (double)${args[1]} + (double)${args[2]})` : spec.c(args);
    } else {
      expression = float32 ? `Math.fround(${spec.emit(args)})` : spec.emit(args);
    }
    const name = `v${k + 1}`;
    lines.push(`${type} ${name} = ${expression};`);
    names.push(name);
  }
  return { lines, result: names[checked.outputs[0]!]! };
}

/**
 * The program as a JavaScript function expression `(x) => { … }`, constants in full
 * precision; with `float32`, the input, constants and every result are rounded by Math.fround.
 */
export function toFunctionExpression(g: Graph, options: ExportOptions): string {
  const { lines, result } = statements(g, options, 'js');
  const input = options.float32 === true ? 'x = Math.fround(x); ' : '';
  return `(x) => { ${input}${lines.join(' ')} return ${result}; }`;
}

/**
 * The program as a named function in TypeScript, JavaScript or C. C constants are hex float
 * literals; in float32 mode C works in `float` (compile with -ffp-contract=off, so that the
 * compiler does not fuse a*b + c where JS rounds twice).
 */
export function exportFunction(g: Graph, name: string, language: ExportLanguage, options: ExportOptions): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`export: function name must be an identifier, got '${name}'`);
  const { lines, result } = statements(g, options, language);
  const float32 = options.float32 === true;
  const body = lines.map((line) => `  ${line}`);
  if (language === 'c') {
    const type = float32 ? 'float' : 'double';
    return [`${type} ${name}(${type} x) {`, ...body, `  return ${result};`, '}'].join('\n');
  }
  const signature = language === 'ts' ? `export function ${name}(x: number): number {` : `export function ${name}(x) {`;
  return [signature, ...(float32 ? ['  x = Math.fround(x);'] : []), ...body, `  return ${result};`, '}'].join('\n');
}
