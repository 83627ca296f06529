import type { AnyStateNode } from 'xstate';
import { LOT_EVENTS, isLotEventType, type LotEventSpec, type LotEventType } from './lot.events.js';
import { lotMachineFor } from './lot.machine.js';
import type { DeadlineSpec, LotStateMeta } from './lot.meta.js';
import { getProfile, type ProcedureProfile } from './profiles/index.js';

/**
 * The lot machine of a profile as data (for the API and the README) and as a Mermaid
 * stateDiagram-v2. workflows/diagrams/<profile>.mmd are generated from `toMermaid` by
 * scripts/generate-diagrams.mjs and checked in; a unit test fails when one is stale.
 */

export interface TransitionJson {
  readonly event: LotEventType;
  /** The named guard that must pass; null: always taken. */
  readonly guard: string | null;
  /** Dotted state name; null: the lot stays where it is and only the actions run. */
  readonly target: string | null;
  /** The target is left and entered again (its deadline re-armed). */
  readonly reenter: boolean;
  readonly actions: readonly string[];
}

export interface StateJson {
  /** Dotted from the top: 'evaluation.meeting'. */
  readonly name: string;
  readonly key: string;
  readonly type: AnyStateNode['type'];
  /** Dotted name of the child entered first. */
  readonly initial: string | null;
  readonly meta: LotStateMeta | null;
  readonly transitions: readonly TransitionJson[];
  readonly states: readonly StateJson[];
}

export interface LotWorkflowJson {
  readonly profile: ProcedureProfile;
  /** The catalogue entries of the events this profile's machine handles. */
  readonly events: Readonly<Partial<Record<LotEventType, LotEventSpec>>>;
  readonly initial: string;
  readonly states: readonly StateJson[];
}

export function toJson(profileId: string): LotWorkflowJson {
  const profile = getProfile(profileId);
  const { root } = lotMachineFor(profileId);
  const states = childrenOf(root).map(stateJson);
  const events: Partial<Record<LotEventType, LotEventSpec>> = {};
  for (const state of flatten(states)) {
    for (const { event } of state.transitions) events[event] = LOT_EVENTS[event];
  }
  return { profile, events, initial: nameOf(root.initial.target[0]), states };
}

export function toMermaid(profileId: string): string {
  const { profile, initial, states } = toJson(profileId);
  const lines = [
    'stateDiagram-v2',
    `%% ${profile.title} (${profile.id}).`,
    '%% Generated from workflows/lot.machine.ts by scripts/generate-diagrams.mjs: do not edit.',
    `  [*] --> ${mermaidId(initial)}`,
    ...states.flatMap((state) => declareState(state, '  ')),
  ];
  for (const state of flatten(states)) {
    for (const t of state.transitions) {
      const label = t.guard ? `${t.event} [${t.guard}]` : t.event;
      lines.push(`  ${mermaidId(state.name)} --> ${mermaidId(t.target ?? state.name)}: ${label}`);
    }
    if (state.type === 'final') lines.push(`  ${mermaidId(state.name)} --> [*]`);
  }
  return `${lines.join('\n')}\n`;
}

function stateJson(node: AnyStateNode): StateJson {
  return {
    name: nameOf(node),
    key: node.key,
    type: node.type,
    initial: initialOf(node),
    meta: (node.meta as LotStateMeta | undefined) ?? null,
    transitions: [...node.transitions.values()].flat().flatMap((t) =>
      isLotEventType(t.eventType)
        ? [
            {
              event: t.eventType,
              guard: guardName(t.guard),
              target: t.target ? nameOf(t.target[0]) : null,
              reenter: t.reenter,
              actions: t.actions.map(actionName),
            },
          ]
        : [],
    ),
    states: childrenOf(node).map(stateJson),
  };
}

function declareState(state: StateJson, indent: string): string[] {
  const id = mermaidId(state.name);
  const deadline = state.meta?.deadline;
  const described = deadline ? [`${indent}${id} : ${deadlineText(deadline)}`] : [];
  if (state.states.length === 0) return [`${indent}state "${state.key}" as ${id}`, ...described];
  return [
    `${indent}state "${state.key}" as ${id} {`,
    `${indent}  [*] --> ${mermaidId(state.initial ?? '')}`,
    ...state.states.flatMap((child) => declareState(child, `${indent}  `)),
    `${indent}}`,
  ];
}

/** 'callClose deadline, 20 working days (20 to 30)'. */
function deadlineText({ kind, days, minDays, maxDays, dayCounting }: DeadlineSpec): string {
  const bounds =
    minDays !== undefined && maxDays !== undefined
      ? ` (${minDays} to ${maxDays})`
      : minDays !== undefined
        ? ` (at least ${minDays})`
        : maxDays !== undefined
          ? ` (at most ${maxDays})`
          : '';
  return `${kind} deadline, ${days} ${dayCounting} days${bounds}`;
}

function childrenOf(node: AnyStateNode): AnyStateNode[] {
  return Object.values(node.states);
}

function nameOf(node: AnyStateNode): string {
  return node.path.join('.');
}

function initialOf(node: AnyStateNode): string | null {
  const target = node.type === 'compound' ? node.initial.target[0] : undefined;
  return target ? nameOf(target) : null;
}

/** Mermaid ids cannot hold dots. */
function mermaidId(name: string): string {
  return name.replaceAll('.', '_');
}

function flatten(states: readonly StateJson[]): StateJson[] {
  return states.flatMap((state) => [state, ...flatten(state.states)]);
}

function guardName(guard: unknown): string | null {
  if (guard === undefined) return null;
  if (typeof guard === 'string') return guard;
  return hasType(guard) ? guard.type : 'inline';
}

function actionName(action: unknown): string {
  if (typeof action === 'string') return action;
  return hasType(action) ? action.type : 'inline';
}

function hasType(value: unknown): value is { type: string } {
  return (
    typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string'
  );
}
