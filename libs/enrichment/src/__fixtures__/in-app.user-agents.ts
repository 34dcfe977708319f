import type { DeviceType } from '@app/common';

/** Real user agents of social apps' built-in browsers: people, named by the app, sourced to its platform. */
export interface InAppCase {
  ua: string;
  browser: string;
  source: string;
  os: string;
  device: DeviceType;
}

const IPHONE = { os: 'iOS', device: 'mobile' } as const;
const IPAD = { os: 'iOS', device: 'tablet' } as const;
const ANDROID_PHONE = { os: 'Android', device: 'mobile' } as const;
const ANDROID_TABLET = { os: 'Android', device: 'tablet' } as const;

const INSTAGRAM = { browser: 'Instagram', source: 'instagram' } as const;
const FACEBOOK = { browser: 'Facebook', source: 'facebook' } as const;
const MESSENGER = { browser: 'Messenger', source: 'messenger' } as const;
const THREADS = { browser: 'Threads', source: 'threads' } as const;
const TIKTOK = { browser: 'TikTok', source: 'tiktok' } as const;
const X = { browser: 'X', source: 'x' } as const;
const LINKEDIN = { browser: 'LinkedIn', source: 'linkedin' } as const;
const SNAPCHAT = { browser: 'Snapchat', source: 'snapchat' } as const;
const PINTEREST = { browser: 'Pinterest', source: 'pinterest' } as const;
const LINE = { browser: 'LINE', source: 'line' } as const;
const WECHAT = { browser: 'WeChat', source: 'wechat' } as const;
const WHATSAPP = { browser: 'WhatsApp', source: 'whatsapp' } as const;
const REDDIT = { browser: 'Reddit', source: 'reddit' } as const;

export const IN_APP_USER_AGENTS: InAppCase[] = [
  // faisalman/ua-parser-js test/data/ua/browser/browser-all.json @ 0273bf64e620653292690649a517399b3590d59a
  {
    ...INSTAGRAM,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 14_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 142.0.0.22.109 (iPhone12,5; iOS 14_1; en_US; en-US; scale=3.00; 1242x2688; 214888322) NW/1',
  },
  {
    ...FACEBOOK,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 10_3_1 like Mac OS X) AppleWebKit/603.1.30 (KHTML, like Gecko) Mobile/14E304 [FBAN/FBIOS;FBAV/91.0.0.41.73;FBBV/57050710;FBDV/iPhone8,1;FBMD/iPhone;FBSN/iOS;FBSV/10.3.1;FBSS/2;FBCR/Telekom.de;FBID/phone;FBLC/de_DE;FBOP/5;FBRV/0])',
  },
  {
    ...FACEBOOK,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 13_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBDV/iPhone10,2;FBMD/iPhone;FBSN/iOS;FBSV/13.3.1;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBCR/]',
  },
  {
    ...FACEBOOK,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 5.0; SM-G900P Build/LRX21T; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/43.0.2357.121 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/35.0.0.48.273;]',
  },
  {
    ...TIKTOK,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 11; 21061119AG Build/RP1A.200720.011; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/92.0.4515.131 Mobile Safari/537.36 trill_2022109040 JsSdk/1.0 NetType/MOBILE Channel/googleplay AppName/musical_ly app_version/21.9.4 ByteLocale/ru-RU ByteFullLocale/ru-RU Region/KG BytedanceWebview/d8a21c6',
  },
  {
    ...TIKTOK,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 14_8 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 musical_ly_21.1.0 JsSdk/2.0 NetType/4G Channel/App Store ByteLocale/ru Region/RU ByteFullLocale/ru-RU isDarkMode/1 WKWebView/1 BytedanceWebview/d8a21c6',
  },
  {
    ...TIKTOK,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 10; STK-LX1 Build/HONORSTK-LX1; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/110.0.5481.153 Mobile Safari/537.36 musical_ly_2022803040 JsSdk/1.0 NetType/WIFI Channel/huaweiadsglobal_int AppName/musical_ly app_version/28.3.4 ByteLocale/en ByteFullLocale/en Region/IQ Spark/1.2.7-alpha.8 AppVersion/28.3.4 PIA/1.5.11 BytedanceWebview/d8a21c6',
  },
  {
    ...TIKTOK,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari/604.1 trill_43.0.0 BytedanceWebview/d8a21c6',
  },
  {
    ...X,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 13; CPH2531 Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/123.0.6312.120 Mobile Safari/537.36 TwitterAndroid',
  },
  {
    ...X,
    ...IPAD,
    ua: 'Mozilla/5.0 (iPad; CPU OS 15_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/19H12 Twitter for iPhone/10.34',
  },
  {
    ...LINKEDIN,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 15_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]',
  },
  {
    ...SNAPCHAT,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_0_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.0 Mobile/15E148 Snapchat/12.33.0.36 (like Safari/8614.1.25.0.31, panda)',
  },
  {
    ...LINE,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 5.0; ASUS_Z00AD Build/LRX21V; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/51.0.2704.81 Mobile Safari/537.36 Line/6.5.1/IAB',
  },
  {
    ...LINE,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 11_2_6 like Mac OS X) AppleWebKit/604.5.6 (KHTML, like Gecko) Mobile/15D100 Safari Line/8.4.1',
  },
  {
    ...WECHAT,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 8_4_1 like Mac OS X) AppleWebKit/600.1.4 (KHTML, like Gecko) Mobile/12H321 MicroMessenger/6.3.6 NetType/WIFI Language/zh_CN',
  },
  {
    ...WECHAT,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; U; Android 5.1; zh-cn; Lenovo K50-t5 Build/LMY47D) AppleWebKit/533.1 (KHTML, like Gecko)Version/4.0 MQQBrowser/5.4 TBS/025478 Mobile Safari/533.1 MicroMessenger/6.3.5.50_r1573191.640 NetType/WIFI Language/zh_CN',
  },

  // omrilotan/isbot fixtures/browsers.yml @ 077cd1585293a4e0d352e0102122d8e1dd6fd7da
  {
    ...INSTAGRAM,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 11; Pixel 2 Build/RP1A.201005.004.A1; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/91.0.4472.120 Mobile Safari/537.36 Instagram 194.0.0.36.172 Android (30/11; 420dpi; 1080x1878; Google/google; Pixel 2; walleye; walleye; en_US; 301484483)',
  },
  {
    ...INSTAGRAM,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 13_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 123.1.0.26.115 (iPhone11,8; iOS 13_3; en_US; en-US; scale=2.00; 828x1792; 190542906)',
  },
  {
    ...FACEBOOK,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 9; SM-G950U Build/PPR1.180610.011; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/80.0.3987.149 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/263.0.0.46.121;]',
  },
  {
    ...SNAPCHAT,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 13_1_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Snapchat/10.69.5.72 (iPhone11,6; iOS 13.1.3; gzip)',
  },
  {
    ...SNAPCHAT,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 10; SM-G973U Build/QP1A.190711.020; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/79.0.3945.136 Mobile Safari/537.36Snapchat10.74.6.0 (SM-G973U; Android 10#G973USQS2CSL1#29; gzip)',
  },
  {
    ...X,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 13_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/17D50 Twitter for iPhone/8.10',
  },
  {
    ...PINTEREST,
    ...ANDROID_TABLET,
    ua: 'Mozilla/5.0 (Linux; Android 5.1.1; KFDOWI Build/LVY48F; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/70.0.3538.110 Safari/537.36 [Pinterest/Android]',
  },
  {
    ...WECHAT,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 7.0; FRD-AL00 Build/HUAWEIFRD-AL00; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/53.0.2785.49 Mobile MQQBrowser/6.2 TBS/043602 Safari/537.36 MicroMessenger/6.5.16.1120 NetType/WIFI Language/zh_CN',
  },

  // matomo-org/device-detector Tests/Parser/Client/fixtures/mobile_app.yml @ 00239b361db19fd9d59fd75e6c3b6fce4f7569c0
  {
    ...INSTAGRAM,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; ASUS_Z011D Build/MMB29P; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/67.0.3396.87 Mobile Safari/537.36 Instagram 53.0.0.13.84 Android (23/6.0.1; 480dpi; 1080x1920; asus; ASUS_Z011D; ASUS_Z011; qcom; fr_FR; 116756948)',
  },
  {
    ...MESSENGER,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 8.1.0; DUB-LX1 Build/HUAWEIDUB-LX1; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/83.0.4103.83 Mobile Safari/537.36 [FB_IAB/Orca-Android;FBAV/267.0.0.15.119;]',
  },
  {
    ...TIKTOK,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 12_5_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 musical_ly_21.0.0 JsSdk/2.0 NetType/WIFI Channel/App Store ByteLocale/ru Region/UA ByteFullLocale/ru-RU isDarkMode/0 WKWebView/1',
  },
  {
    ...X,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 11_0 like Mac OS X) AppleWebKit/604.2.10 (KHTML, like Gecko) Mobile/15A372 Twitter for iPhone/7.52',
  },
  {
    ...X,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 9; SM-G950F Build/PPR1.180610.011; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/80.0.3987.117 Mobile Safari/537.36 TwitterAndroid',
  },
  {
    ...LINKEDIN,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 10; Redmi Note 8 Pro Build/QP1A.190711.020; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/87.0.4280.141 Mobile Safari/537.36 [LinkedInApp]',
  },
  {
    ...LINKEDIN,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_1_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.24.1488',
  },
  {
    ...REDDIT,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 12; 2107113SG Build/SKQ1.211006.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/103.0.5060.129 Mobile Safari/537.36 Reddit/Version 2022.28.0/Build 533235/Android 12',
  },

  // shalanah/inapp-spy src/tests/mobile.ts @ 06fe0c57e7439edd8a84e352dc027a5388f7220f
  {
    ...INSTAGRAM,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/22F76 Instagram 393.1.0.36.70 (iPhone15,3; iOS 18_5; en_US; en; scale=3.00; 1290x2796; IABMV/1; 776538208) Safari/604.1)',
  },
  {
    ...INSTAGRAM,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.58 Mobile Safari/537.36 Instagram 355.1.0.44.103 Android (34/14; 420dpi; 1080x2205; Google/google; Pixel 8; shiba; shiba; en_US; 658190016)',
  },
  {
    ...FACEBOOK,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/22B83 [FBAN/FBIOS;FBAV/488.0.0.68.101;FBBV/658219612;FBDV/iPhone12,8;FBMD/iPhone;FBSN/iOS;FBSV/18.1;FBSS/2;FBID/phone;FBLC/en_US;FBOP/5;FBRV/0;IABMV/1]',
  },
  {
    // Facebook's newest iOS token (also reported in shalanah/inapp-spy issue #57).
    ...FACEBOOK,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/22G100 Safari/604.1 MetaIAB Facebook',
  },
  {
    ...FACEBOOK,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.83 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/488.0.0.62.79;IABMV/1;]',
  },
  {
    ...THREADS,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.58 Mobile Safari/537.36 Barcelona 355.0.0.39.109 Android (34/14; 420dpi; 1080x2205; Google/google; Pixel 8; shiba; shiba; en_US; 657318936)',
  },
  {
    ...TIKTOK,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 BytedanceWebview/d8a21c6 musical_ly_33.2.1 JsSdk/2.0 NetType/WIFI Channel/App Store ByteLocale/en Region/US FalconTag/BDB55B46-0286-4504-847E-C8300CB9F79D',
  },
  {
    ...TIKTOK,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/UQ1A.240105.004; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/121.0.6167.143 Mobile Safari/537.36 musical_ly_2023303040 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/musical_ly app_version/33.3.4 ByteLocale/en ByteFullLocale/en Region/US AppId/1233 Spark/1.5.0.5-alpha.2 AppVersion/33.3.4 BytedanceWebview/d8a21c6',
  },
  {
    ...SNAPCHAT,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3.1 Mobile/15E148 Snapchat/12.72.0.39 (like Safari/8617.2.4.10.8, panda)',
  },
  {
    // WhatsApp's own browser is a Mozilla user agent tagged [WAiOS/…] or [WA4A/…]; its preview fetcher is a bot.
    ...WHATSAPP,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 26_0_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0.1 Mobile/15E148 Safari/604.1 [WAiOS/2.25.31]',
  },
  {
    ...WHATSAPP,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.7390.124 Mobile Safari/537.36 [WA4A/2.25.32.75;]',
  },
  {
    ...REDDIT,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.58 Mobile Safari/537.36 Reddit/Version 2024.41.0/Build 2102450/Android 14',
  },
  {
    ...LINE,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; D6653 Build/23.5.A.0.575; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/58.0.3029.83 Mobile Safari/537.36 Line/7.4.0/IAB',
  },
  // shalanah/inapp-spy src/tests/tablet.ts @ bc717f57427a87a9ea1701c3a74569177956eae9
  {
    ...WECHAT,
    ...IPAD,
    ua: 'Mozilla/5.0 (iPad; CPU OS 10_3_1 like Mac OS X) AppleWebKit/603.1.30 (KHTML, like Gecko) Mobile/14E304 MicroMessenger/6.5.8 NetType/WIFI Language/zh_TW',
  },

  // ua-parser/uap-core issue #651 (Threads), pasted from production logs
  {
    ...THREADS,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 14; 23124RA7EO Build/UKQ1.231207.002; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/144.0.7559.109 Mobile Safari/537.36 Barcelona 414.0.0.39.83 Android (34/14; 440dpi; 1080x2400; Xiaomi/Redmi; 23124RA7EO; sapphiren; qcom; in_ID; 869910040)',
  },
  {
    ...THREADS,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 16; SM-S911B Build/BP2A.250605.031.A3; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/144.0.7559.59 Mobile Safari/537.36 Barcelona 415.0.0.36.77 Android (36/16; 480dpi; 1080x2340; samsung; SM-S911B; dm1q; qcom; en_US; 874515858)',
  },
  {
    ...THREADS,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/23C55 Barcelona 414.1.0.26.79 (iPhone14,7; iOS 26_2; pt_BR; pt; scale=3.00; 960x2079; IABMV/1; 870367664)',
  },
  // ua-parser/uap-core pull request #347 (Messenger for iOS)
  {
    ...MESSENGER,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 10_2_1 like Mac OS X) AppleWebKit/602.4.6 (KHTML, like Gecko) Mobile/14D27 [FBAN/MessengerForiOS;FBAV/124.0.0.50.70;FBBV/63293619;FBDV/iPhone7,1;FBMD/iPhone;FBSN/iOS;FBSV/10.2.1;FBSS/3;FBCR/Viettel;FBID/phone;FBLC/vi_VN;FBOP/5;FBRV/0]',
  },
  // srfrnk/ng-device-detector issue #39 (Messenger for iPad)
  {
    ...MESSENGER,
    ...IPAD,
    ua: 'Mozilla/5.0 (iPad; CPU OS 9_1 like Mac OS X) AppleWebKit/601.1.46 (KHTML, like Gecko) Mobile/13B143 [FBAN/MessengerForiOS;FBAV/48.0.0.20.47;FBBV/17291106;FBDV/iPad2,5;FBMD/iPad;FBSN/iPhone OS;FBSV/9.1;FBSS/1; FBCR/;FBID/tablet;FBLC/cs_CZ;FBOP/1]',
  },
  // browscap/browscap issue #482 (Facebook for iPad)
  {
    ...FACEBOOK,
    ...IPAD,
    ua: 'Mozilla/5.0 (iPad; CPU OS 7_0_4 like Mac OS X) AppleWebKit/537.51.1 (KHTML, like Gecko) Mobile/11B554a [FBAN/FBIOS;FBAV/15.0.0.16.28;FBBV/4463064;FBDV/iPad3,4;FBMD/iPad;FBSN/iPhone OS;FBSV/7.0.4;FBSS/2; FBCR/;FBID/tablet;FBLC/da_DK;FBOP/1]',
  },
  // monperrus/crawler-user-agents pull request #38, comment of 2018-12-13 (Pinterest's web views)
  {
    ...PINTEREST,
    ...ANDROID_PHONE,
    ua: 'Mozilla/5.0 (Linux; Android 8.0.0; SAMSUNG-SM-G935A Build/R16NW; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/70.0.3538.110 Mobile Safari/537.36 [Pinterest/Android]',
  },
  {
    ...PINTEREST,
    ...IPHONE,
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 12_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/16B92 [Pinterest/iOS]',
  },
];
