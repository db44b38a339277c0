import { runCli } from '../../src/cli/program.ts';

/** Runs `amoeba <args>` in-process and returns its exit code and everything it wrote. */
export async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}
