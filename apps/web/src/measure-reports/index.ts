/** The ten measures' reports (GET /v1/reports/{name}), one page each, in the order of the measures. */
import type { ReportDefinition } from '../report-definition';
import { promotionPool, teamComposition, training } from './tm1-tm3';
import { departmentRatings, recommendations, secretarySeats } from './tm5';
import { focusLedger, healthChecks, reminderTalks, talks } from './tm7-tm8';

export const MEASURE_REPORTS: readonly ReportDefinition[] = [
  teamComposition,
  promotionPool,
  training,
  departmentRatings,
  recommendations,
  secretarySeats,
  focusLedger,
  reminderTalks,
  talks,
  healthChecks,
];
