import type { Message } from 'telegraf/types';
import type { Rule } from '../../domain/index.js';
import { compileRulePattern, keywordPattern, type TextPattern } from '../../domain/rules/pattern.js';
import { hasLink, isForward, textOf } from './message-kinds.js';

// Compiled once per pattern: rules are re-read per message and RE2 compilation is the costly part.
// A stored pattern the engine refuses (written before patterns were checked) is cached as null
// and never matches.
const compiled = new Map<string, TextPattern | null>();

function cachedPattern(key: string, build: () => TextPattern | null): TextPattern | null {
  let re = compiled.get(key);
  if (re === undefined) {
    re = build();
    if (compiled.size > 1000) compiled.clear();
    compiled.set(key, re);
  }
  return re;
}

const regexOf = (pattern: string) =>
  cachedPattern(`r:${pattern}`, () => {
    const c = compileRulePattern(pattern);
    return c.ok ? c.pattern : null;
  });

const keywordOf = (keyword: string) => cachedPattern(`k:${keyword}`, () => keywordPattern(keyword));

/** The first active rule (by priority) whose trigger the message hits. */
export function matchRule(rules: readonly Rule[], m: Message): Rule | undefined {
  const text = textOf(m).slice(0, 4096);
  const ordered = [...rules].sort((a, b) => b.priority - a.priority);
  return ordered.find((r) => {
    const t = r.trigger;
    if (!t || !r.is_active) return false;
    if (t.type === 'link') return hasLink(m) && (!t.pattern || text.toLowerCase().includes(t.pattern.toLowerCase()));
    if (t.type === 'forward') return isForward(m);
    if (t.type === 'keyword') return t.pattern !== '' && (keywordOf(t.pattern)?.test(text) ?? false);
    return regexOf(t.pattern)?.test(text) ?? false;
  });
}
