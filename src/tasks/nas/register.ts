/**
 * Registers the NAS benchmarks' tasks, spaces and algorithms by id, so a worker, `amoeba
 * resume` or a JSON config rebuild them (see nb201/register.ts and nb101/register.ts for each
 * config), and the output of the `nas-compare` study group. Importing this registers them once.
 */
import './nb201/register.ts';
import './nb101/register.ts';

export { NB201_CONFIG_KEYS } from './nb201/register.ts';
export { NB101_CONFIG_KEYS, nb101IndexOnce } from './nb101/register.ts';

