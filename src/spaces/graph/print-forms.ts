/**
 * Printer building blocks for op specs: each op carries its own infix and LaTeX printer, made
 * from these forms, so the printers never branch on op names. A printed operand carries its
 * precedence, and each form adds the fewest parentheses that keep the meaning.
 */

/** An expression already printed, with the precedence of its outermost operator. */
export interface Printed {
  readonly text: string;
  readonly precedence: number;
}

/** How the infix printer spells operators: ASCII (`*`, `-`, `^2`) or Unicode (`·`, `−`, `²`). */
export interface InfixStyle {
  readonly unicode: boolean;
}

/** Prints one op application as readable math from its printed operands. */
export type InfixPrinter = (args: readonly Printed[], style: InfixStyle) => Printed;
/** Prints one op application as LaTeX from its printed operands. */
export type LatexPrinter = (args: readonly Printed[]) => Printed;

/** Binding strengths, loosest first: sums, products, unary minus, powers, atoms. */
export const PRECEDENCE = { sum: 1, product: 2, unary: 3, power: 4, atom: 5 } as const;

function wrap(p: Printed, needsParens: boolean, open = '(', close = ')'): string {
  return needsParens ? `${open}${p.text}${close}` : p.text;
}

/** Whether a right operand needs parentheses under a binary operator of this precedence. */
function rightNeedsParens(arg: Printed, precedence: number, associative: boolean): boolean {
  // A leading minus on the right reads badly (`a - -b`), so it is always wrapped.
  return arg.precedence < precedence || (arg.precedence === precedence && !associative) || arg.precedence === PRECEDENCE.unary;
}

/** Minus binds looser than a product (−a·b = −(a·b)) but must not touch another minus or a sum. */
function negatedNeedsParens(arg: Printed): boolean {
  return arg.precedence < PRECEDENCE.product || arg.precedence === PRECEDENCE.unary;
}

/**
 * `a + b`-style infix; the symbols carry their own spacing (`' * '` but a tight `'·'`), and
 * `associative` lets a right operand of equal precedence go bare.
 */
export function infixBinary(ascii: string, unicode: string, precedence: number, associative: boolean): InfixPrinter {
  return ([a, b], style) => {
    const symbol = style.unicode ? unicode : ascii;
    const left = wrap(a!, a!.precedence < precedence);
    const right = wrap(b!, rightNeedsParens(b!, precedence, associative));
    return { text: `${left}${symbol}${right}`, precedence };
  };
}

/** `a^b`: right-associative, so the base is wrapped at equal precedence and the exponent is not. */
export const infixPower: InfixPrinter = ([a, b]) => {
  const base = wrap(a!, a!.precedence <= PRECEDENCE.power);
  const exponent = wrap(b!, b!.precedence < PRECEDENCE.power);
  return { text: `${base}^${exponent}`, precedence: PRECEDENCE.power };
};

/** `x^2` in ASCII, `x²` in Unicode. */
export function infixFixedPower(ascii: string, unicode: string): InfixPrinter {
  return ([a], style) => {
    const base = wrap(a!, a!.precedence <= PRECEDENCE.power);
    return { text: style.unicode ? `${base}${unicode}` : `${base}^${ascii}`, precedence: PRECEDENCE.power };
  };
}

/** `-x` in ASCII, `−x` in Unicode. */
export const infixNegate: InfixPrinter = ([a], style) => {
  const operand = wrap(a!, negatedNeedsParens(a!));
  return { text: `${style.unicode ? '−' : '-'}${operand}`, precedence: PRECEDENCE.unary };
};

/** `name(a, b, ...)`. */
export function infixCall(name: string): InfixPrinter {
  return (args) => ({ text: `${name}(${args.map((a) => a.text).join(', ')})`, precedence: PRECEDENCE.atom });
}

/** `|x|`. */
export const infixAbs: InfixPrinter = ([a]) => ({ text: `|${a!.text}|`, precedence: PRECEDENCE.atom });

/** An atom, for composing forms (`1/x` is the division form applied to `1` and `x`). */
export function atom(text: string): Printed {
  return { text, precedence: PRECEDENCE.atom };
}

/** `a + b`-style LaTeX infix with the same parenthesisation rules as the plain infix. */
export function latexBinary(symbol: string, precedence: number, associative: boolean): LatexPrinter {
  return ([a, b]) => {
    const left = wrap(a!, a!.precedence < precedence, '\\left(', '\\right)');
    const right = wrap(b!, rightNeedsParens(b!, precedence, associative), '\\left(', '\\right)');
    return { text: `${left} ${symbol} ${right}`, precedence };
  };
}

/** `\frac{a}{b}`: the bar groups both sides, so no parentheses are needed. */
export const latexFraction: LatexPrinter = ([a, b]) => ({ text: `\\frac{${a!.text}}{${b!.text}}`, precedence: PRECEDENCE.atom });

/** `{a}^{b}`, with the base wrapped when it binds looser than a power. */
export const latexPower: LatexPrinter = ([a, b]) => {
  const base = wrap(a!, a!.precedence <= PRECEDENCE.power, '\\left(', '\\right)');
  return { text: `{${base}}^{${b!.text}}`, precedence: PRECEDENCE.power };
};

/** `-x`. */
export const latexNegate: LatexPrinter = ([a]) => {
  const operand = wrap(a!, negatedNeedsParens(a!), '\\left(', '\\right)');
  return { text: `-${operand}`, precedence: PRECEDENCE.unary };
};

/** `\sin\left(x\right)`; pass `\operatorname{name}` for functions LaTeX does not know. */
export function latexCall(command: string): LatexPrinter {
  return (args) => ({ text: `${command}\\left(${args.map((a) => a.text).join(', ')}\\right)`, precedence: PRECEDENCE.atom });
}

/** `\sqrt{x}`. */
export const latexSqrt: LatexPrinter = ([a]) => ({ text: `\\sqrt{${a!.text}}`, precedence: PRECEDENCE.atom });

/** `\left|x\right|`. */
export const latexAbs: LatexPrinter = ([a]) => ({ text: `\\left|${a!.text}\\right|`, precedence: PRECEDENCE.atom });
