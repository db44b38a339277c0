/**
 * Registers the control task in core's `tasks`, and a printer for its programs in the
 * register space (`register:control`), so that workers, `amoeba resume` and `amoeba show`
 * rebuild and print its studies from (id, config). The space is the register machine's own.
 */
import { tasks } from '../../core/registries.ts';
import type { Json } from '../../core/types.ts';
import { programPrinters } from '../../report/program-printers.ts';
import '../../spaces/register/register.ts';
import { registerSpaceFromConfig } from '../../spaces/register/register.ts';
import { controlTask, type ControlTaskConfig } from './policy-task.ts';
import { formatPolicy } from './register-policy.ts';

/** The id policy studies store their space under: the register machine's space. */
export const POLICY_SPACE_ID = 'register';

/** Rebuilds a control task from its config (`task.config`). */
export function controlTaskFromConfig(config: Json): ReturnType<typeof controlTask> {
  return controlTask(config as unknown as ControlTaskConfig);
}

if (!tasks.has('control')) tasks.register('control', controlTaskFromConfig, 'AutoRobotics-Zero: mean return of a register-machine policy on (Cataclysmic) Cart-pole', { env: 'cartpole', episodes: 2 });
if (!programPrinters.has(`${POLICY_SPACE_ID}:control`)) programPrinters.register(`${POLICY_SPACE_ID}:control`, printPolicyLine);

/** A policy on one line for reports, dead code left out as control studies run it: `Start(): a; b | Step(): c`. */
function printPolicyLine(genotype: Json, spaceConfig: Json): string {
  const space = registerSpaceFromConfig(spaceConfig);
  const parts: string[] = [];
  for (const line of formatPolicy(space.fromJSON(genotype), { features: space.memory.features, onlyLive: true }).split('\n').slice(1)) {
    if (line.startsWith('def ')) parts.push(`${line.slice(4)} `);
    else parts[parts.length - 1] += `${parts[parts.length - 1]!.endsWith(' ') ? '' : '; '}${line.trim()}`;
  }
  return parts.join(' | ');
}
