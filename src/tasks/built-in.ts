/**
 * Registers every built-in task, space and algorithm, each from the `register.ts` beside its
 * factory: what `amoeba resume`, worker threads and `amoeba worker` know without a `--module`.
 * One list for all of them; a new folder with a recipe adds its line here.
 */
import '../algorithms/register.ts';
import '../spaces/graph/register.ts';
import '../spaces/register/register.ts';
import '../spaces/symbolic/register.ts';
import './automl-zero/register.ts';
import './function-approx/register.ts';
import './nas/register.ts';
import './symbolic-regression/register.ts';
import './control/register.ts';
import './optimizers/register.ts';

/** This module's URL, for worker threads that must import it themselves. */
export const BUILT_IN_TASKS_URL = import.meta.url;
