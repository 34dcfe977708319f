import { isbot, isbotMatch } from 'isbot';
import { detectInAppBrowser } from './in-app.browsers.js';
import { KNOWN_BOTS } from './known.bots.js';

export interface BotVerdict {
  isBot: boolean;
  botName: string | null;
}

const COMPATIBLE_TOKEN = /compatible;\s*([^;/)]+?)\s*[/;)]/;
const LEADING_PRODUCT = /^([^\s/;(]+)\//;
const WORD_CHAR = /[\w-]/;

export function classifyBot(userAgent: string): BotVerdict {
  if (userAgent.trim() === '') return { isBot: true, botName: 'empty' };
  for (const [name, pattern] of KNOWN_BOTS) {
    if (pattern.test(userAgent)) return { isBot: true, botName: name };
  }
  // A social app's own browser is a person tapping a link, whatever a generic list thinks of its tokens.
  if (detectInAppBrowser(userAgent)) return { isBot: false, botName: null };
  if (isbot(userAgent)) return { isBot: true, botName: genericBotName(userAgent) };
  return { isBot: false, botName: null };
}

/**
 * isbot's matched fragment is often a piece like "bot" or "http"; the product a crawler declares
 * ("compatible; GPTBot/1.0", "CCBot/1.0 (…)") names it better, so that is tried first.
 */
function genericBotName(userAgent: string): string {
  const declared =
    COMPATIBLE_TOKEN.exec(userAgent) ?? (userAgent.startsWith('Mozilla/') ? null : LEADING_PRODUCT.exec(userAgent));
  if (declared) return declared[1];
  const fragment = isbotMatch(userAgent);
  return fragment ? wordAround(userAgent, fragment) : 'generic';
}

/** "Spider" matched inside "360Spider" names the bot "360Spider". */
function wordAround(text: string, fragment: string): string {
  let start = text.indexOf(fragment);
  let end = start + fragment.length;
  while (start > 0 && WORD_CHAR.test(text[start - 1])) start--;
  while (end < text.length && WORD_CHAR.test(text[end])) end++;
  return text.slice(start, end);
}
