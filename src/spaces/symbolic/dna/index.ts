/** Templates, DNA and DNA specs: a space compiled into decisions. */
export { Template, template } from './template.ts';
export { DNA } from './dna.ts';
export { DNASpec } from './dna-spec.ts';
export type { DecisionKind, DecisionPoint } from './decision-point.ts';
export { ChoiceGroup } from './choice-group.ts';
export { assembleChild, mutateAnySite, mutateOneDecision, swapTwoSlots } from './dna-ops.ts';
export type { SpecNode } from './spec-node.ts';
