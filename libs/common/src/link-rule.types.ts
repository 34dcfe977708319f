import type { DeviceType } from './hit.types.js';

/**
 * A link's targeting rule: when the visitor matches every condition it names, the link goes to
 * `url` (libs/links link-rules.ts checks and matches them; the links table stores them as JSON).
 */
export interface LinkRule {
  if: {
    device?: DeviceType[];
    /** OS names as the analytics name them (iOS, Android, Windows, macOS…), lowercased */
    os?: string[];
    /** primary language subtags (`de`, `pt`), matched against the visitor's first Accept-Language */
    language?: string[];
  };
  url: string;
}
