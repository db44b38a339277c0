/**
 * Registers the control task in core's `tasks`, and the register space its studies search
 * in `spaces` with a printer, so that workers, `amoeba resume` and `amoeba show` rebuild and
 * print them from (id, config).
 */
import { spaces, tasks } from '../../core/registries.ts';
import type { Json } from '../../core/types.ts';
import { programPrinters } from '../../report/program-printers.ts';
import { controlTask, type ControlTaskConfig } from './policy-task.ts';
import { registerSpaceFromConfig } from './policy-space.ts';
import { formatPolicy } from './register-policy.ts';

/**
 * The id policy studies store their space under. A register space of the register machine's
 * own (`spaces/register/register.ts`) replaces it once there is one; until then it is this.
 */
export const POLICY_SPACE_ID = 'control-register';

/** Rebuilds a control task from its config (`task.config`). */
export function controlTaskFromConfig(config: Json): ReturnType<typeof controlTask> {
  return controlTask(config as unknown as ControlTaskConfig);
}

if (!tasks.has('control')) tasks.register('control', controlTaskFromConfig, 'AutoRobotics-Zero: mean return of a register-machine policy on (Cataclysmic) Cart-pole');
if (!spaces.has(POLICY_SPACE_ID)) spaces.register(POLICY_SPACE_ID, registerSpaceFromConfig, 'register-machine programs of start and step functions (control policies)');
if (!programPrinters.has(POLICY_SPACE_ID)) {
  programPrinters.register(POLICY_SPACE_ID, (genotype, config) => formatPolicy(registerSpaceFromConfig(config).fromJSON(genotype), { features: (config as { memory: { features: number } }).memory.features, onlyLive: true }));
}
