import { avatarInitial, PAGE_THEMES, type PageTheme, type ProfileTheme } from '@app/common';
import { escapeHtml } from './html.js';

export interface ProfilePageView {
  username: string;
  title: string;
  bio: string;
  avatarUrl: string | null;
  theme: ProfileTheme;
  links: { slug: string; title: string | null; url: string }[];
  /** the page's absolute address, for link previews */
  pageUrl: string;
}

/** What a link without a title shows: its target without the scheme, `www.` or a trailing slash. */
export function linkLabel(link: { title: string | null; url: string }): string {
  if (link.title) return link.title;
  try {
    const url = new URL(link.url);
    const path = `${url.pathname}${url.search}`.replace(/\/$/, '');
    return `${url.host.replace(/^www\./, '')}${decodeURIComponentSafe(path)}`;
  } catch {
    return link.url;
  }
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function themeVariables(theme: PageTheme): string {
  return [
    `color-scheme:${theme.colorScheme}`,
    `--bg:${theme.background}`,
    `--base:${theme.base}`,
    `--fg:${theme.text}`,
    `--muted:${theme.muted}`,
    `--btn-bg:${theme.buttonBackground}`,
    `--btn-fg:${theme.buttonText}`,
    `--btn-border:${theme.buttonBorder}`,
    `--btn-hover:${theme.buttonHover}`,
    `--btn-shadow:${theme.buttonShadow}`,
    `--ring:${theme.avatarRing}`,
    `--avatar-bg:${theme.avatarBackground}`,
    `--focus:${theme.focus}`,
  ].join(';');
}

const STYLES = `*,*::before,*::after{box-sizing:border-box}
html{background:var(--base)}
body{margin:0;min-height:100vh;min-height:100dvh;background:var(--bg);display:flex;flex-direction:column;align-items:center;color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-font-smoothing:antialiased;-webkit-text-size-adjust:100%}
main{width:100%;max-width:36rem;padding:3.5rem 1.25rem 2rem;flex:1}
header{display:flex;flex-direction:column;align-items:center;text-align:center}
.avatar{width:6rem;height:6rem;border-radius:50%;border:3px solid var(--ring);object-fit:cover;background:var(--avatar-bg);box-shadow:0 6px 20px rgba(0,0,0,.15)}
.avatar-initial{position:relative;overflow:hidden;display:grid;place-items:center;color:#fff;font-size:2.5rem;font-weight:700;line-height:1}
.avatar img{position:absolute;inset:0;width:100%;height:100%;object-fit:cover;color:transparent}
h1{margin:1rem 0 0;font-size:1.5rem;line-height:1.25;font-weight:750;letter-spacing:-.01em;overflow-wrap:anywhere}
.handle{margin:.25rem 0 0;color:var(--muted);font-size:.95rem;font-weight:500}
.bio{margin:.85rem 0 0;max-width:30rem;color:var(--fg);opacity:.92;white-space:pre-line;overflow-wrap:anywhere}
ul{list-style:none;margin:2rem 0 0;padding:0;display:flex;flex-direction:column;gap:.875rem}
a.link{display:flex;align-items:center;justify-content:center;min-height:3.5rem;padding:.9rem 1.25rem;border-radius:1rem;border:1px solid var(--btn-border);background:var(--btn-bg);color:var(--btn-fg);box-shadow:var(--btn-shadow);text-align:center;text-decoration:none;font-weight:600;font-size:1.02rem;line-height:1.35;overflow-wrap:anywhere;transition:transform .15s ease,background-color .15s ease,box-shadow .15s ease;-webkit-tap-highlight-color:transparent}
a.link:hover{background:var(--btn-hover);transform:translateY(-1px)}
a.link:active{transform:scale(.985)}
a.link:focus-visible,footer a:focus-visible{outline:3px solid var(--focus);outline-offset:3px}
.empty{margin:2rem 0 0;text-align:center;color:var(--muted)}
footer{padding:1.5rem 1rem 2rem;font-size:.8rem;color:var(--muted)}
footer a{color:inherit;text-decoration:none;font-weight:600}
footer a:hover{text-decoration:underline}
@media (min-width:640px){main{padding-top:5rem}.avatar{width:7rem;height:7rem}h1{font-size:1.75rem}}
@media (prefers-reduced-motion:reduce){a.link{transition:none}a.link:hover,a.link:active{transform:none}}`;

/**
 * The public link-in-bio page: plain HTML and inline CSS, no JavaScript, every string the creator
 * wrote escaped. Links go through the redirect (`/{slug}?via=profile`) so clicks count for the page.
 */
export function renderProfilePage(view: ProfilePageView): string {
  const theme = PAGE_THEMES[view.theme] ?? PAGE_THEMES.light;
  const handle = `@${view.username}`;
  const title = view.title.trim();
  const bio = view.bio.trim();
  const heading = title || handle;
  const description = bio || `Links from ${handle}`;
  // the initial lies under the image: an image that does not load leaves it showing, with no script
  const image = view.avatarUrl
    ? `<img src="${escapeHtml(view.avatarUrl)}" alt="" width="96" height="96" referrerpolicy="no-referrer">`
    : '';
  const avatar = `<div class="avatar avatar-initial" aria-hidden="true">${escapeHtml(avatarInitial(title || view.username))}${image}</div>`;
  const links = view.links.length
    ? `<ul>${view.links
        .map((link) => `<li><a class="link" href="/${escapeHtml(link.slug)}?via=profile">${escapeHtml(linkLabel(link))}</a></li>`)
        .join('')}</ul>`
    : '<p class="empty">No links here yet.</p>';
  return `<!doctype html>
<html lang="en" style="${themeVariables(theme)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover">
<title>${escapeHtml(title ? `${title} (${handle})` : handle)}</title>
<meta name="description" content="${escapeHtml(description)}">
<meta name="theme-color" content="${theme.themeColor}">
<meta property="og:type" content="profile">
<meta property="og:title" content="${escapeHtml(heading)}">
<meta property="og:description" content="${escapeHtml(description)}">
<meta property="og:url" content="${escapeHtml(view.pageUrl)}">
${view.avatarUrl ? `<meta property="og:image" content="${escapeHtml(new URL(view.avatarUrl, view.pageUrl).href)}">\n` : ''}<meta name="twitter:card" content="summary">
<link rel="canonical" href="${escapeHtml(view.pageUrl)}">
<link rel="icon" href="data:,">
<style>${STYLES}</style>
</head>
<body>
<main>
<header>
${avatar}
<h1>${escapeHtml(heading)}</h1>
${title ? `<p class="handle">${escapeHtml(handle)}</p>` : ''}
${bio ? `<p class="bio">${escapeHtml(bio)}</p>` : ''}
</header>
${links}
</main>
<footer>Made with <a href="/app">Linkpulse</a></footer>
</body>
</html>`;
}
