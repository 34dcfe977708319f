import type { OverviewResponse } from '@app/common';
import { type Block, drawSectionTitle, SECTION_TITLE_HEIGHT } from './report.layout.js';
import { type ChangeLabel, describeChange, describePointsChange, formatCount, formatPercent } from './number.format.js';
import { drawText, textWidth } from './report.text.js';
import { COLORS, trendColor } from './report.theme.js';

export interface Headline {
  label: string;
  value: string;
  previous: string | null;
  change: ChangeLabel | null;
  /** false for bot hits: more or fewer filtered bots is neither good nor bad news */
  judged: boolean;
}

const CARD_HEIGHT = 80;
const CARD_GAP = 8;
const NOTE =
  'Bots and link-preview fetchers are never counted as clicks or views. Unique visitors are counted per day. ' +
  'CTR = profile-page clicks ÷ profile views.';

/** The five headline numbers, each with its change against the previous period. */
export function headlineBlock(overview: OverviewResponse): Block {
  return cardsBlock(headlines(overview), NOTE);
}

/** A row of headline cards, optionally under a section title, with a note under them. */
export function cardsBlock(cards: Headline[], note: string, title?: string): Block {
  const top = title ? SECTION_TITLE_HEIGHT : 0;
  return {
    height: top + CARD_HEIGHT + 20,
    draw(doc, x, y, width) {
      if (title) drawSectionTitle(doc, title, '', x, y, width);
      const cardWidth = (width - CARD_GAP * (cards.length - 1)) / cards.length;
      cards.forEach((card, i) => drawCard(doc, card, x + i * (cardWidth + CARD_GAP), y + top, cardWidth));
      drawText(doc, note, x, y + top + CARD_HEIGHT + 8, { font: 'regular', size: 7, color: COLORS.faint }, { width });
    },
  };
}

function headlines(o: OverviewResponse): Headline[] {
  const count = (label: string, m: OverviewResponse['clicks'], judged = true): Headline => ({
    label,
    value: formatCount(m.value),
    previous: m.previous === undefined ? null : formatCount(m.previous),
    change: describeChange(m.value, m.previous),
    judged,
  });
  const rate = (r: number | null | undefined) => (r === null || r === undefined ? '—' : formatPercent(r));
  return [
    count('Clicks', o.clicks),
    count('Profile views', o.profileViews),
    count('Unique visitors', o.uniqueVisitors),
    {
      label: 'CTR',
      value: rate(o.ctr.value),
      previous: o.ctr.previous === undefined ? null : rate(o.ctr.previous),
      change: describePointsChange(o.ctr.value, o.ctr.previous),
      judged: true,
    },
    count('Bot hits filtered', o.botHits, false),
  ];
}

function drawCard(doc: PDFKit.PDFDocument, card: Headline, x: number, y: number, width: number): void {
  doc.roundedRect(x, y, width, CARD_HEIGHT, 6).lineWidth(0.8).strokeColor(COLORS.hairline).stroke();
  const inner = width - 20;
  drawText(doc, card.label, x + 10, y + 10, { font: 'medium', size: 7.5, color: COLORS.muted }, { width: inner });
  const valueStyle = { font: 'bold', size: 19, color: COLORS.ink } as const;
  const size = Math.min(19, (19 * inner) / textWidth(doc, card.value, valueStyle));
  drawText(doc, card.value, x + 10, y + 22 + (19 - size) / 2, { ...valueStyle, size });
  if (card.change) {
    const color = card.judged ? trendColor(card.change.trend) : COLORS.neutral;
    drawText(doc, card.change.text, x + 10, y + 50, { font: 'semibold', size: 8, color }, { width: inner });
  }
  if (card.previous !== null) {
    drawText(
      doc,
      `Previous: ${card.previous}`,
      x + 10,
      y + 63,
      { font: 'regular', size: 7, color: COLORS.faint },
      { width: inner },
    );
  }
}
