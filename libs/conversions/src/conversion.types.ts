import type { EnrichedHit } from '@app/common';

export type { CapturedConversion, ConversionJobData, ConversionKind } from '@app/common';
export { ConversionBatchBuilder } from '@app/common';

/** What a conversion copies from the click it is attributed to: the click's enriched dimensions. */
export interface AttributedClick extends Pick<
  EnrichedHit,
  | 'id'
  | 'visitorId'
  | 'source'
  | 'referrerHost'
  | 'utmSource'
  | 'utmMedium'
  | 'utmCampaign'
  | 'utmTerm'
  | 'utmContent'
  | 'country'
  | 'region'
  | 'city'
  | 'device'
  | 'browser'
  | 'os'
  | 'via'
> {
  at: Date;
  linkId: string;
}
