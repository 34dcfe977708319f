import { describe, expect, it } from '@jest/globals';
import { linkLabel, renderProfilePage } from './profile.page.js';

const view = {
  username: 'ana',
  title: 'Ana',
  bio: '',
  avatarUrl: null,
  theme: 'dark' as const,
  links: [],
  pageUrl: 'https://lnk.example.com/@ana',
};

describe('linkLabel', () => {
  it.each([
    [{ title: 'Shop', url: 'https://shop.example.com/' }, 'Shop'],
    [{ title: null, url: 'https://www.example.org/podcast/' }, 'example.org/podcast'],
    [{ title: null, url: 'https://example.com/' }, 'example.com'],
    [{ title: null, url: 'https://example.com/caf%C3%A9?x=1' }, 'example.com/café?x=1'],
    [{ title: null, url: 'https://example.com/%E0%A4%A' }, 'example.com/%E0%A4%A'],
  ])('labels %j as %s', (link, label) => {
    expect(linkLabel(link)).toBe(label);
  });
});

describe('renderProfilePage', () => {
  it('shows the handle as the heading when there is no title, and the initial of the username', () => {
    const html = renderProfilePage({ ...view, title: '  ' });
    expect(html).toContain('<h1>@ana</h1>');
    expect(html).not.toContain('class="handle"');
    expect(html).toContain('<title>@ana</title>');
    expect(html).toContain('aria-hidden="true">A</div>');
  });

  it('keeps a whole emoji as the initial', () => {
    expect(renderProfilePage({ ...view, title: '👩🏽‍🎨 Ana' })).toContain('aria-hidden="true">👩🏽‍🎨</div>');
  });

  it('says so when there are no links', () => {
    expect(renderProfilePage(view)).toContain('<p class="empty">No links here yet.</p>');
  });

  it('falls back to the light theme for a theme it does not know', () => {
    expect(renderProfilePage({ ...view, theme: 'neon' as never })).toContain('style="color-scheme:light;');
  });
});
