/** Real bot, fetcher and HTTP-library user agents, each with the bot name classifyBot must report. */
export interface BotCase {
  ua: string;
  botName: string;
}

export const BOT_USER_AGENTS: BotCase[] = [
  // Link-preview fetchers and social crawlers.
  // omrilotan/isbot fixtures/crawlers.yml @ 00378a40f6c624629f6374c4d48d247f6d4b3944
  { ua: 'Twitterbot/1.0', botName: 'Twitterbot' },
  { ua: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', botName: 'facebookexternalhit' },
  { ua: 'facebookexternalhit/1.1', botName: 'facebookexternalhit' },
  { ua: 'facebot', botName: 'Facebot' },
  { ua: 'TelegramBot (like TwitterBot)', botName: 'TelegramBot' },
  { ua: 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', botName: 'Slackbot' },
  { ua: 'Mozilla/5.0 (Windows nt 6.1; wow64) SkypeURIPreview Preview/0.5', botName: 'SkypeUriPreview' },
  { ua: 'WhatsApp/2.21.12.21 A', botName: 'WhatsApp' },
  { ua: 'whatsapp/2.2123.8 n', botName: 'WhatsApp' },
  { ua: 'Mozilla/5.0 (compatible; Pinterestbot/1.0; http://www.pinterest.com/bot.html)', botName: 'Pinterestbot' },
  { ua: 'Mozilla/5.0 (compatible; redditbot/1.0; +http://www.reddit.com/feedback)', botName: 'redditbot' },
  { ua: 'http.rb/3.2.0 (Mastodon/2.4.3; +https://uwu.social/)', botName: 'Mastodon' },
  { ua: 'linkedinbot/1.0 (compatible; mozilla/5.0; apache-httpclient +http://www.linkedin.com)', botName: 'LinkedInBot' },
  // monperrus/crawler-user-agents crawler-user-agents.json @ 002bd9c39037403fd4d6a93cdb3fe79521b8cb46
  { ua: 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)', botName: 'Discordbot' },
  { ua: 'Slack-ImgProxy (+https://api.slack.com/robots)', botName: 'Slack-ImgProxy' },
  { ua: 'Slack-ImgProxy 149 (+https://api.slack.com/robots)', botName: 'Slack-ImgProxy' },
  { ua: 'Slackbot 1.0 (+https://api.slack.com/robots)', botName: 'Slackbot' },
  { ua: 'WhatsApp/2.19.92 i', botName: 'WhatsApp' },
  { ua: 'WhatsApp', botName: 'WhatsApp' },
  { ua: 'Pinterest/0.2 (+http://www.pinterest.com/bot.html)', botName: 'Pinterestbot' },
  { ua: 'http.rb/2.2.2 (Mastodon/1.5.1; +https://example-masto-instance.org/)', botName: 'Mastodon' },
  // faisalman/ua-parser-js test/data/ua/extension/fetcher.json @ 0bb6e24837aec7aec10d8cd1c2491128e058e21a
  { ua: 'WhatsApp/2.23.20.0', botName: 'WhatsApp' },
  { ua: 'Snap URL Preview Service; bot; snapchat; https://developers.snap.com/robots  ', botName: 'Snap URL Preview Service' },
  {
    ua: 'meta-externalfetcher/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)',
    botName: 'meta-externalfetcher',
  },
  {
    ua: 'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com',
    botName: 'SkypeUriPreview',
  },
  { ua: 'Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)', botName: 'UptimeRobot' },
  // faisalman/ua-parser-js test/data/ua/extension/crawler.json @ 0bb6e24837aec7aec10d8cd1c2491128e058e21a
  {
    ua: 'meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)',
    botName: 'meta-externalagent',
  },
  { ua: 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)', botName: 'LinkedInBot' },
  {
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 8_1 like Mac OS X) AppleWebKit/600.1.4 (KHTML, like Gecko) Version/8.0 Mobile/12B410 Safari/600.1.4 (Applebot/0.1;+http://www.apple.com/go/applebot)',
    botName: 'Applebot',
  },
  { ua: 'Applebot-Extended', botName: 'Applebot' },
  // iMessage's preview fetch, seen in a server log: https://peter.upfold.org.uk/blog/2019/02 ;
  // the bare token string is what the brief quotes as iMessage's.
  {
    ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0',
    botName: 'iMessage',
  },
  { ua: 'facebookexternalhit/1.1 Facebot Twitterbot/1.0', botName: 'iMessage' },

  // Search engines. faisalman/ua-parser-js test/data/ua/extension/crawler.json @ 0bb6e248…
  { ua: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', botName: 'Googlebot' },
  { ua: 'Googlebot-Image/1.0', botName: 'Googlebot' },
  { ua: 'Mozilla/5.0 (compatible; Google-InspectionTool/1.0;)', botName: 'Google-InspectionTool' },
  {
    ua: 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GoogleOther) Chrome/41.0.2272.96 Safari/537.36',
    botName: 'GoogleOther',
  },
  { ua: 'GoogleOther-Image/1.0', botName: 'GoogleOther' },
  {
    ua: 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/',
    botName: 'bingbot',
  },
  { ua: 'Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)', botName: 'YandexBot' },
  { ua: 'DuckDuckBot/1.1; ( http://duckduckgo.com/duckduckbot.html)', botName: 'DuckDuckBot' },
  { ua: 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)', botName: 'Baiduspider' },
  { ua: 'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)', botName: 'AhrefsBot' },
  { ua: 'Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)', botName: 'SemrushBot' },
  // monperrus/crawler-user-agents @ 002bd9c3…
  {
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/41.0.2272.96 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    botName: 'Googlebot',
  },

  // Monitoring. omrilotan/isbot fixtures/crawlers.yml @ 00378a40…
  { ua: 'Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)', botName: 'UptimeRobot' },
  { ua: 'Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)', botName: 'Pingdom' },
  // monperrus/crawler-user-agents @ 002bd9c3…
  { ua: 'Mozilla/5.0 (compatible; pingbot/2.0; +http://www.pingdom.com/)', botName: 'Pingdom' },

  // Command-line tools and HTTP libraries. faisalman/ua-parser-js test/data/ua/extension/cli.json and
  // library.json @ 12643c9f… / 5a5b3213…
  { ua: 'curl/7.38.0', botName: 'curl' },
  { ua: 'Wget/1.21.1', botName: 'Wget' },
  { ua: 'python-requests/2.32', botName: 'python-requests' },
  { ua: 'Python/3.9 aiohttp/3.8.1', botName: 'aiohttp' },
  { ua: 'go-http-client/1.1', botName: 'Go-http-client' },
  { ua: 'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)', botName: 'node-fetch' },
  { ua: 'axios/1.7.2', botName: 'axios' },
  { ua: 'okhttp/3.2.0', botName: 'okhttp' },
  { ua: 'Java/1.6.0_14', botName: 'Java' },
  { ua: 'libwww-perl/6.05', botName: 'libwww-perl' },
  { ua: 'PostmanRuntime/7.26.5', botName: 'PostmanRuntime' },
  // monperrus/crawler-user-agents @ 002bd9c3… and omrilotan/isbot crawlers.yml @ 00378a40…
  { ua: 'curl', botName: 'curl' },
  { ua: 'Go-http-client/2.0', botName: 'Go-http-client' },
  { ua: 'Wget/1.20.3 (linux-gnu)', botName: 'Wget' },
  { ua: 'node-fetch', botName: 'node-fetch' },
  { ua: 'axios/0.21.4, XFF:35.228.69.34', botName: 'axios' },
  { ua: 'okhttp/4.1.0', botName: 'okhttp' },
  { ua: 'Java/1.8.0_121', botName: 'Java' },
  { ua: 'W3C-checklink/4.81 libwww-perl/5.836', botName: 'libwww-perl' },
  { ua: 'PostmanRuntime/7.29.0', botName: 'PostmanRuntime' },
  {
    ua: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/74.0.3729.169 Safari/537.36',
    botName: 'HeadlessChrome',
  },
  {
    ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_12_6) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/60.0.3112.113 Safari/537.36',
    botName: 'HeadlessChrome',
  },
];

/** Bots no explicit rule names: the generic isbot list catches them and its matched token is the name. */
export const GENERIC_BOT_USER_AGENTS: BotCase[] = [
  // faisalman/ua-parser-js test/data/ua/extension/crawler.json @ 0bb6e248…
  {
    ua: 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.0; +https://openai.com/gptbot)',
    botName: 'GPTBot',
  },
  { ua: 'CCBot/1.0 (+https://commoncrawl.org/bot.html)', botName: 'CCBot' },
  { ua: 'Mozilla/5.0 (compatible; MJ12bot/v1.4.8; http://mj12bot.com/)', botName: 'MJ12bot' },
  // faisalman/ua-parser-js test/data/ua/extension/fetcher.json @ 0bb6e248…
  {
    ua: 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app) Chrome/100.0.0.0 Safari/537.36',
    botName: 'Bluesky Cardyb',
  },
  { ua: 'Iframely/1.3.1 (+https://iframely.com/docs/about)', botName: 'Iframely' },
  // monperrus/crawler-user-agents @ 002bd9c3…
  { ua: 'Mozilla/5.0 (compatible; vkShare; +http://vk.com/dev/Share)', botName: 'vkShare' },
  // omrilotan/isbot fixtures/crawlers.yml @ 00378a40…: no declared product, so isbot's own match names it
  {
    ua: 'Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.1 (KHTML, like Gecko) Chrome/21.0.1180.89 Safari/537.1; 360Spider',
    botName: '360Spider',
  },
];
