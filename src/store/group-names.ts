import { UsageError } from '../core/errors.ts';

/** What a store answers about names already taken: both stores share the naming rules below. */
interface TakenNames {
  study(name: string): unknown;
  group(name: string): unknown;
}

/** The group a study named `group/member` belongs to; undefined for a name without '/'. */
export function groupOfStudy(name: string): string | undefined {
  const slash = name.indexOf('/');
  return slash < 0 ? undefined : name.slice(0, slash);
}

/**
 * Checks the name of a study about to be added and returns its group, if it is a member. One
 * namespace holds studies and groups, so that `amoeba resume NAME` names one thing.
 */
export function checkNewStudyName(name: string, store: TakenNames): string | undefined {
  if (store.study(name) !== undefined) throw new UsageError(`a study named '${name}' is already in the store; pick another name or resume it`);
  if (store.group(name) !== undefined) throw new UsageError(`'${name}' is already the name of a study group in the store; pick another name`);
  const group = groupOfStudy(name);
  if (group === undefined) return undefined;
  if (name.length === group.length + 1) throw new UsageError(`study name '${name}' has no member name after the '/'`);
  if (store.group(group) === undefined) throw new UsageError(`study '${name}' is a member of group '${group}', which is not in the store; create the group first`);
  return group;
}

/** Checks the name of a group about to be added: not taken, not empty, no '/'. */
export function checkNewGroupName(name: string, store: TakenNames): void {
  if (name === '' || name.includes('/')) throw new UsageError(`a group name must be non-empty and have no '/', got '${name}'`);
  if (store.group(name) !== undefined) throw new UsageError(`a study group named '${name}' is already in the store; pick another name or resume it`);
  if (store.study(name) !== undefined) throw new UsageError(`'${name}' is already the name of a study in the store; pick another group name`);
}

/** The first name `${prefix}-<n>` (n = 1, 2, …) that no study and no group of the store has. */
export function freshName(store: TakenNames, prefix: string): string {
  let n = 1;
  while (store.study(`${prefix}-${n}`) !== undefined || store.group(`${prefix}-${n}`) !== undefined) n++;
  return `${prefix}-${n}`;
}
