import type { VisitDimensions } from '@app/common';

export type { CapturedConversion, ConversionJobData, ConversionKind } from '@app/common';
export { ConversionBatchBuilder } from '@app/common';

/** What a conversion copies from the click it is attributed to: the click's enriched dimensions. */
export interface AttributedClick extends VisitDimensions {
  id: string;
  at: Date;
  linkId: string;
}
