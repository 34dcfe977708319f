import { InitialSchema1764000000000 } from './1764000000000-initial-schema.js';
import { Rollups1764100000000 } from './1764100000000-rollups.js';
import { Reports1764500000000 } from './1764500000000-reports.js';
import { RollupsLinkDays1764550000000 } from './1764550000000-rollups-link-days.js';
import { Conversions1764600000000 } from './1764600000000-conversions.js';
import { DrillDownAndIncrementalRollups1764650000000 } from './1764650000000-drill-down-and-incremental-rollups.js';
import { SlugCaseFoldedIndex1764660000000 } from './1764660000000-slug-case-folded-index.js';
import { ProfileAvatars1764670000000 } from './1764670000000-profile-avatars.js';
import { NameQuarantine1764710000000 } from './1764710000000-name-quarantine.js';
import { AccountNames1764720000000 } from './1764720000000-account-names.js';
import { Alerts1764720000002 } from './1764720000002-alerts.js';
import { Webhooks1764720000003 } from './1764720000003-webhooks.js';
import { JourneyIndexes1764730000000 } from './1764730000000-journey-indexes.js';
import { Imports1764740000000 } from './1764740000000-imports.js';
import { Shares1764740100000 } from './1764740100000-shares.js';
import { ConversionRollups1764700000000 } from './1764700000000-conversion-rollups.js';
import { ConversionDrillDowns1764700000001 } from './1764700000001-conversion-drill-downs.js';
import { LinkRules1764740200000 } from './1764740200000-link-rules.js';

/** Every migration, in order; the data source lists them explicitly (no globbing at run time). */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  Rollups1764100000000,
  Reports1764500000000,
  RollupsLinkDays1764550000000,
  Conversions1764600000000,
  DrillDownAndIncrementalRollups1764650000000,
  SlugCaseFoldedIndex1764660000000,
  ProfileAvatars1764670000000,
  ConversionRollups1764700000000,
  ConversionDrillDowns1764700000001,
  NameQuarantine1764710000000,
  AccountNames1764720000000,
  Alerts1764720000002,
  Webhooks1764720000003,
  JourneyIndexes1764730000000,
  Imports1764740000000,
  Shares1764740100000,
  LinkRules1764740200000,
];
