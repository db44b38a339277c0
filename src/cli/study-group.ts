import { UsageError } from '../core/errors.ts';
import type { Json } from '../core/types.ts';
import { freshName, isFinished, requireStudy } from '../store/index.ts';
import type { Executor } from '../core/plugs.ts';
import type { Recipe, StoredGroup, StoredStudy, StudyStore, TrialCounts } from '../store/index.ts';
import { reportOutput, type StudyOutput } from './study-result.ts';

/**
 * Study groups on the command line. A command that runs many studies (restarts, seeds,
 * algorithms) creates a group and one member study per run, every member up front, so that
 * `amoeba resume GROUP` can finish those it never reached; it registers how the group's
 * result is printed with `registerGroupOutput`.
 *
 * @example
 * const name = freshGroupName(store, 'nas-compare');
 * store.createGroup({ name, command: 'nas-compare', config: { algorithms } });
 * for (const a of algorithms) store.createStudy({ ...spec(a), name: groupMemberName(name, a) });
 */

/** The name of a group's member study: `${group}/${member}`. */
export function groupMemberName(group: string, member: string): string {
  if (group === '' || group.includes('/')) throw new UsageError(`a group name must be non-empty and have no '/', got '${group}'`);
  if (member === '') throw new UsageError(`group '${group}': a member study needs a non-empty name`);
  return `${group}/${member}`;
}

/** The first name `${prefix}-<n>` that no study and no group of the store has. */
export function freshGroupName(store: StudyStore, prefix: string): string {
  return freshName(store, prefix);
}

/** Builds a group's result, as its command prints it (`text`) and writes it with `--json`. */
export type GroupOutputBuilder = (store: StudyStore, group: StoredGroup) => StudyOutput;

const GROUP_OUTPUTS = new Map<string, GroupOutputBuilder>();

/**
 * Sets how `amoeba resume` prints the result of a group made by `command`; call it beside the
 * command (the `amoeba` program loads every command). A second, different builder for the
 * same command is a programming error.
 */
export function registerGroupOutput(command: string, build: GroupOutputBuilder): void {
  const before = GROUP_OUTPUTS.get(command);
  if (before !== undefined && before !== build) throw new Error(`registerGroupOutput: '${command}' has a group output already`);
  GROUP_OUTPUTS.set(command, build);
}

/** How a group's runner starts each member's executor: from the resume flags, for that member. */
export type MemberExecutors = (recipes: { readonly task: Recipe; readonly space: Recipe }, study: string) => Promise<Executor<never> | undefined>;

/**
 * Continues a group whose members a command creates one after another, as each outcome
 * decides the next (AutoML-Zero's experiments): runs the unfinished member and any the
 * command would still start. Resolves true when an interrupt stopped it.
 */
export type GroupRunner = (store: StudyStore, group: StoredGroup, context: { readonly signal: AbortSignal; readonly executors: MemberExecutors; readonly quiet: boolean }) => Promise<boolean>;

const GROUP_RUNNERS = new Map<string, GroupRunner>();

/**
 * Sets how `amoeba resume` continues a group made by `command`, in place of running its
 * unfinished members in order; for commands whose groups grow as they run.
 */
export function registerGroupRunner(command: string, run: GroupRunner): void {
  const before = GROUP_RUNNERS.get(command);
  if (before !== undefined && before !== run) throw new Error(`registerGroupRunner: '${command}' has a group runner already`);
  GROUP_RUNNERS.set(command, run);
}

/** The runner registered for a group's command, if any. */
export function groupRunner(command: string): GroupRunner | undefined {
  return GROUP_RUNNERS.get(command);
}

/**
 * A group's result after a resume: its command's registered output or, without one, each
 * member's result in order: `ran` holds those of the members that just ran, the others get
 * their `show` report.
 */
export function groupOutput(store: StudyStore, group: StoredGroup, ran: ReadonlyMap<string, StudyOutput>): StudyOutput {
  const own = GROUP_OUTPUTS.get(group.command);
  if (own !== undefined) return own(store, group);
  const members = group.members.map((name) => ({ name, output: ran.get(name) ?? reportOutput(store, store.study(name)!) }));
  return {
    text: members.map((m) => `${m.name}:\n${m.output.text}`).join('\n'),
    json: { group: group.name, command: group.command, members: members.map((m) => ({ name: m.name, result: m.output.json })) } as Json,
  };
}

/** What a name on the command line picks: a group or a study. */
export type StudyOrGroup = { readonly kind: 'group'; readonly group: StoredGroup } | { readonly kind: 'study'; readonly study: StoredStudy };

/**
 * The named group or study; without a name the newest one, a group when the newest study is
 * one of its members (or the group is newer than every study). A UsageError when there is none.
 */
export function requireStudyOrGroup(store: StudyStore, name?: string): StudyOrGroup {
  if (name !== undefined) {
    const group = store.group(name);
    return group === undefined ? { kind: 'study', study: requireStudy(store, name) } : { kind: 'group', group };
  }
  const groups = store.groups();
  const newestGroup = groups[groups.length - 1];
  const studies = store.studies();
  const newestStudy = studies[studies.length - 1];
  if (newestStudy === undefined) return newestGroup === undefined ? { kind: 'study', study: requireStudy(store) } : { kind: 'group', group: newestGroup };
  const owner = groups.find((g) => g.members.includes(newestStudy.name));
  if (owner !== undefined) return { kind: 'group', group: owner };
  if (newestGroup !== undefined && newestGroup.createdAt > newestStudy.createdAt) return { kind: 'group', group: newestGroup };
  return { kind: 'study', study: newestStudy };
}

/** How a group stands, summed over its members: what `amoeba studies` shows on the group's line. */
export interface GroupProgress {
  readonly members: number;
  readonly finished: number;
  readonly counts: TrialCounts;
  /** The members' trial budgets summed; undefined when one has none. */
  readonly budget: number | undefined;
  readonly updatedAt: number;
}

/** Sums a group's members: finished studies, trial counts, budgets, last update. */
export function groupProgress(store: StudyStore, group: StoredGroup): GroupProgress {
  const counts = { pending: 0, running: 0, done: 0, failed: 0 };
  let finished = 0;
  let budget: number | undefined = 0;
  let updatedAt = group.createdAt;
  for (const name of group.members) {
    const study = store.study(name)!;
    const c = store.counts(name);
    for (const key of Object.keys(counts) as (keyof TrialCounts)[]) counts[key] += c[key];
    if (isFinished(store, study.name)) finished++;
    budget = budget === undefined || study.budgetTrials === undefined ? undefined : budget + study.budgetTrials;
    updatedAt = Math.max(updatedAt, study.updatedAt);
  }
  return { members: group.members.length, finished, counts, budget, updatedAt };
}
