import type { DeviceType, LinkRule } from '@app/common';
import { normaliseTargetUrl, type TargetRules } from './link-target.rules.js';

export const MAX_RULES = 10;
export const MAX_RULE_VALUES = 20;
export const RULE_DEVICES: readonly DeviceType[] = ['mobile', 'tablet', 'desktop', 'other'];

/** What a rule reads of a visitor, from the request alone. */
export interface RuleVisitor {
  device: DeviceType;
  os: string;
  /** the primary subtag of the first Accept-Language entry, lowercased; '' when none */
  language: string;
}

export class LinkRuleError extends Error {}

const LANGUAGE = /^[a-z]{2,3}$/;

/**
 * Rules as a creator gave them, checked and normalised: at most MAX_RULES, each with at least one
 * condition, each condition one value or a list of at most MAX_RULE_VALUES, devices from
 * RULE_DEVICES, languages as primary subtags (`de-AT` is read as `de`), each target an allowed URL. Throws a LinkRuleError (or, for
 * a target, a TargetUrlError) naming the rule.
 */
export function normaliseRules(rules: unknown[], targetRules: TargetRules): LinkRule[] {
  if (rules.length > MAX_RULES) throw new LinkRuleError(`rules must have at most ${MAX_RULES} entries`);
  return rules.map((raw, i) => {
    const field = `rules[${i}]`;
    const rule = raw as { if?: Record<string, unknown>; url?: unknown };
    if (typeof rule !== 'object' || rule === null || typeof rule.if !== 'object' || rule.if === null || Array.isArray(rule.if))
      throw new LinkRuleError(`${field} must be {"if": {device?, os?, language?}, "url": "https://…"}`);
    if (typeof rule.url !== 'string') throw new LinkRuleError(`${field}.url must be a URL`);
    const conditions: LinkRule['if'] = {};
    for (const [name, given] of Object.entries(rule.if)) {
      if (name === 'country')
        throw new LinkRuleError(`${field}.if.country: country targeting is not available yet (device, os and language are)`);
      if (!['device', 'os', 'language'].includes(name))
        throw new LinkRuleError(`${field}.if.${name} is not a condition (device, os, language)`);
      // one value, or a list of them
      const value: unknown = typeof given === 'string' ? [given] : given;
      if (
        !Array.isArray(value) ||
        value.length === 0 ||
        value.length > MAX_RULE_VALUES ||
        !value.every((v) => typeof v === 'string')
      )
        throw new LinkRuleError(`${field}.if.${name} must be a string or a list of 1 to ${MAX_RULE_VALUES} strings`);
      const values = value.map((v: string) => v.trim().toLowerCase());
      if (name === 'device') {
        const bad = values.find((v) => !RULE_DEVICES.includes(v as DeviceType));
        if (bad !== undefined) throw new LinkRuleError(`${field}.if.device: "${bad}" is not one of ${RULE_DEVICES.join(', ')}`);
        conditions.device = [...new Set(values)] as DeviceType[];
      } else if (name === 'language') {
        const primary = values.map((v) => v.split(/[-_]/)[0]!);
        const bad = primary.find((v) => !LANGUAGE.test(v));
        if (bad !== undefined)
          throw new LinkRuleError(`${field}.if.language: "${bad}" is not a language code such as de or pt-BR`);
        conditions.language = [...new Set(primary)];
      } else {
        const bad = values.find((v) => v === '' || v.length > 40);
        if (bad !== undefined) throw new LinkRuleError(`${field}.if.os: each name must be 1 to 40 characters`);
        conditions.os = [...new Set(values)];
      }
    }
    if (Object.keys(conditions).length === 0) throw new LinkRuleError(`${field}.if must name at least one condition`);
    return { if: conditions, url: normaliseTargetUrl(`${field}.url`, rule.url, targetRules) };
  });
}

/** The primary language of an Accept-Language header (`de-AT,de;q=0.9,en;q=0.5` → `de`), or ''. */
export function primaryLanguage(acceptLanguage: string | undefined): string {
  const first = acceptLanguage?.split(',')[0]?.split(';')[0]?.trim().toLowerCase() ?? '';
  const primary = first.split('-')[0]!;
  return LANGUAGE.test(primary) ? primary : '';
}

/** The URL of the first rule the visitor matches (every condition it names), else null. */
export function matchRule(rules: LinkRule[], visitor: RuleVisitor): string | null {
  const os = visitor.os.toLowerCase();
  for (const rule of rules) {
    const { device, os: systems, language } = rule.if;
    if (device && !device.includes(visitor.device)) continue;
    if (systems && !systems.includes(os)) continue;
    if (language && !language.includes(visitor.language)) continue;
    return rule.url;
  }
  return null;
}
