/**
 * The staffing assumptions the coverage heatmap uses until a tenant can set its own
 * (docs/routing.md, "Coverage heatmap"): average handle times per channel, chat and phone answered
 * 80% within 60 s, other channels worked at 85% occupancy.
 */
import type { StaffingSettings } from './coverage.ts';

export const DEFAULT_STAFFING: StaffingSettings = {
  ahtSeconds: { email: 600, web_form: 600, social: 480, walk_in: 600, chat: 360, phone: 300 },
  serviceTarget: { serviceLevel: 0.8, answerSeconds: 60 },
  occupancyTarget: 0.85,
};
