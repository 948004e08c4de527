/**
 * The staffing assumptions the coverage heatmap uses for a team that has not set its own
 * (docs/routing.md, "Coverage heatmap"): average handle times per channel, chat and phone answered
 * 80% within 60 s, other channels worked at 85% occupancy, the forecast averaging 8 weeks; and
 * shift swaps approved by a supervisor.
 */
import type { StaffingAssumptionFields } from '../routing/records.ts';
import type { StaffingSettings } from './coverage.ts';
import { DEFAULT_FORECAST_WEEKS } from './forecast.ts';

export const DEFAULT_STAFFING: StaffingSettings = {
  ahtSeconds: { email: 600, web_form: 600, social: 480, walk_in: 600, chat: 360, phone: 300 },
  serviceTarget: { serviceLevel: 0.8, answerSeconds: 60 },
  occupancyTarget: 0.85,
};

/** A team's assumptions as the staffing functions take them: its own, or the defaults. */
export function staffingOf(own: Omit<StaffingAssumptionFields, 'teamId' | 'swapsNeedApproval'> | null): {
  settings: StaffingSettings;
  forecastWeeks: number;
} {
  if (!own) return { settings: DEFAULT_STAFFING, forecastWeeks: DEFAULT_FORECAST_WEEKS };
  return {
    settings: {
      ahtSeconds: own.ahtSeconds,
      serviceTarget: { serviceLevel: own.serviceLevel, answerSeconds: own.answerSeconds },
      occupancyTarget: own.occupancyTarget,
    },
    forecastWeeks: own.forecastWeeks,
  };
}

/** The defaults in the shape of a team's own assumptions (what the form starts from). */
export function defaultAssumptions(teamId: string): StaffingAssumptionFields {
  return {
    teamId,
    ahtSeconds: DEFAULT_STAFFING.ahtSeconds,
    serviceLevel: DEFAULT_STAFFING.serviceTarget.serviceLevel,
    answerSeconds: DEFAULT_STAFFING.serviceTarget.answerSeconds,
    occupancyTarget: DEFAULT_STAFFING.occupancyTarget,
    forecastWeeks: DEFAULT_FORECAST_WEEKS,
    swapsNeedApproval: true,
  };
}
