import type { BreakdownRow } from '@app/common';

const SOURCES: Record<string, string> = {
  instagram: 'Instagram',
  tiktok: 'TikTok',
  x: 'X (Twitter)',
  youtube: 'YouTube',
  facebook: 'Facebook',
  linkedin: 'LinkedIn',
  snapchat: 'Snapchat',
  pinterest: 'Pinterest',
  threads: 'Threads',
  reddit: 'Reddit',
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  google: 'Google',
  bing: 'Bing',
  email: 'Email',
  profile: 'Link-in-bio page',
  direct: 'Direct',
  other: 'Other websites',
};

/** How a row of a breakdown is named in the report: the API's label, else a readable value. */
export function sourceLabel(row: BreakdownRow): string {
  return row.label ?? SOURCES[row.value] ?? capitalize(row.value);
}

export function rowLabel(row: BreakdownRow): string {
  return row.label ?? capitalize(row.value);
}

function capitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
