import type { MutationName, RegisterSpaceOptions } from '../../spaces/register/index.ts';
import { POLICY_FIRST_WRITABLE, POLICY_MEMORY, START_OPS, STEP_OPS } from './register-policy.ts';

/** What a policy search may change about its programs. */
export interface PolicySpaceSettings {
  /** Instructions in a new program's `start` and `step`. Default 3 and 6. */
  readonly startSize?: number;
  readonly stepSize?: number;
  /** Most instructions per component. Default 12 and 24. */
  readonly maxStartSize?: number;
  readonly maxStepSize?: number;
}

/**
 * The register-space options of a cart-pole policy search (ours): the policy memory, `start`
 * over START_OPS and `step` over STEP_OPS, sizes free to grow and shrink (insert, remove) as
 * well as AutoML-Zero's alter-param and randomize-instruction. Plain JSON, so it is also the
 * config of the 'register' space's recipe (`spaces/register/register.ts`).
 */
export function policySpaceOptions(settings: PolicySpaceSettings = {}): RegisterSpaceOptions {
  const startSize = settings.startSize ?? 3;
  const stepSize = settings.stepSize ?? 6;
  const mutations: MutationName[] = ['alter-param', 'randomize-instruction', 'insert', 'remove'];
  return {
    memory: { ...POLICY_MEMORY },
    firstWritable: { ...POLICY_FIRST_WRITABLE },
    components: {
      start: { ops: [...START_OPS], initialSize: startSize, minSize: 0, maxSize: settings.maxStartSize ?? 12 },
      step: { ops: [...STEP_OPS], initialSize: stepSize, minSize: 1, maxSize: settings.maxStepSize ?? 24 },
    },
    mutations,
    mutateProbability: 1,
  };
}
