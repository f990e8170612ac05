import type { Condition, ConditionType } from '../types.js';

/** Not one of the eight standing conditions: present only while the platform is paused. */
export const PAUSED_CONDITION = 'ReconciliationPaused';

/**
 * Present only while the reconcile cannot make progress until someone edits the spec
 * (an invalid spec). kstatus reads Stalled=True as Failed; it does not read Ready, so
 * without Stalled it would call the platform Current.
 */
export const STALLED_CONDITION = 'Stalled';

export interface ConditionUpdate {
  type: ConditionType | typeof PAUSED_CONDITION | typeof STALLED_CONDITION;
  status: Condition['status'];
  reason: string;
  message: string;
}

/**
 * The next condition list: `updates` replace their types, every other type in `order`
 * keeps its previous value (or starts Unknown). lastTransitionTime moves only when the
 * status flips, as metav1.Condition requires, so an unchanged platform yields an equal
 * list and its status write is skipped. budget: operator-resync-writes (docs/budgets.md)
 */
export function nextConditions(
  previous: readonly Condition[] | undefined,
  updates: readonly ConditionUpdate[],
  order: readonly string[],
  generation: number,
  now: string,
): Condition[] {
  const prev = new Map((previous ?? []).map((c) => [c.type, c]));
  const byType = new Map(updates.map((u) => [u.type as string, u]));
  const out: Condition[] = [];
  for (const type of order) {
    const old = prev.get(type);
    const update = byType.get(type);
    if (!update) {
      out.push(
        old ?? { type, status: 'Unknown', reason: 'NotYetReconciled', message: 'not reconciled yet', lastTransitionTime: now, observedGeneration: generation },
      );
      continue;
    }
    out.push({
      type,
      status: update.status,
      reason: update.reason,
      message: update.message,
      observedGeneration: generation,
      lastTransitionTime: old && old.status === update.status ? old.lastTransitionTime : now,
    });
  }
  return out;
}

export function findCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}
