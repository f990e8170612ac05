import type { Message } from 'telegraf/types';
import type { Rule } from '../../domain/index.js';
import { hasLink, isForward, textOf } from './message-kinds.js';

const compiled = new Map<string, RegExp | null>();

function regexOf(pattern: string): RegExp | null {
  let re = compiled.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'iu');
    } catch {
      re = null;
    }
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The first active rule (by priority) whose trigger the message hits. */
export function matchRule(rules: readonly Rule[], m: Message): Rule | undefined {
  const text = textOf(m).slice(0, 4096);
  const ordered = [...rules].sort((a, b) => b.priority - a.priority);
  return ordered.find((r) => {
    const t = r.trigger;
    if (!t || !r.is_active) return false;
    if (t.type === 'link') return hasLink(m) && (!t.pattern || text.toLowerCase().includes(t.pattern.toLowerCase()));
    if (t.type === 'forward') return isForward(m);
    if (t.type === 'keyword') return t.pattern !== '' && (regexOf(`(^|[^\\p{L}\\p{N}_])${escapeRegex(t.pattern)}($|[^\\p{L}\\p{N}_])`)?.test(text) ?? false);
    return regexOf(t.pattern)?.test(text) ?? false;
  });
}
