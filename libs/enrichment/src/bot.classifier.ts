import { isbot, isbotMatch } from 'isbot';
import { detectInAppBrowser } from './in-app.browsers.js';
import { KNOWN_BOTS } from './known.bots.js';

export interface BotVerdict {
  isBot: boolean;
  botName: string | null;
}

export function classifyBot(userAgent: string): BotVerdict {
  if (userAgent.trim() === '') return { isBot: true, botName: 'empty' };
  for (const [name, pattern] of KNOWN_BOTS) {
    if (pattern.test(userAgent)) return { isBot: true, botName: name };
  }
  // A social app's own browser is a person tapping a link, whatever a generic list thinks of its tokens.
  if (detectInAppBrowser(userAgent)) return { isBot: false, botName: null };
  if (isbot(userAgent)) return { isBot: true, botName: isbotMatch(userAgent) ?? 'generic' };
  return { isBot: false, botName: null };
}
