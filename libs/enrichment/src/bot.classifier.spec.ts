import { describe, expect, it } from '@jest/globals';
import { BOT_USER_AGENTS, GENERIC_BOT_USER_AGENTS } from './__fixtures__/bot.user-agents.js';
import { BROWSER_USER_AGENTS } from './__fixtures__/browser.user-agents.js';
import { IN_APP_USER_AGENTS } from './__fixtures__/in-app.user-agents.js';
import { classifyBot } from './bot.classifier.js';

describe('classifyBot', () => {
  it.each(BOT_USER_AGENTS)('names $botName: $ua', ({ ua, botName }) => {
    expect(classifyBot(ua)).toEqual({ isBot: true, botName });
  });

  it.each(GENERIC_BOT_USER_AGENTS)('names $botName from what the generic list caught: $ua', ({ ua, botName }) => {
    expect(classifyBot(ua)).toEqual({ isBot: true, botName });
  });

  it.each(IN_APP_USER_AGENTS)('lets a person through in $browser: $ua', ({ ua }) => {
    expect(classifyBot(ua)).toEqual({ isBot: false, botName: null });
  });

  it.each(BROWSER_USER_AGENTS)('lets a person through in $browser on $os: $ua', ({ ua }) => {
    expect(classifyBot(ua)).toEqual({ isBot: false, botName: null });
  });

  it.each(['', '   '])('calls an empty user agent a bot: %j', (ua) => {
    expect(classifyBot(ua)).toEqual({ isBot: true, botName: 'empty' });
  });
});
