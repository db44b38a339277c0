/**
 * Registers the tasks and spaces that studies can be rebuilt from by id: what `amoeba resume`,
 * worker threads and `amoeba worker` know without a `--module`. One list for all of them.
 */
import './symbolic-regression/register.ts';
import './control/register.ts';

/** This module's URL, for worker threads that must import it themselves. */
export const BUILT_IN_TASKS_URL = import.meta.url;
