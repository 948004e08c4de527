/**
 * Every feature's messages (features/<f>/messages.ts, English and Chinese side by side), merged into
 * the catalogs by en.ts and zh-CN.ts. A feature with messages is one line here.
 */
import * as accounts from '../features/accounts/messages.ts';
import * as board from '../features/board/messages.ts';
import * as collision from '../features/collision/messages.ts';
import * as complaints from '../features/complaints/messages.ts';
import * as dashboard from '../features/dashboard/messages.ts';
import * as escalations from '../features/escalations/messages.ts';
import * as inbox from '../features/inbox/messages.ts';
import * as knowledge from '../features/knowledge/messages.ts';
import * as macros from '../features/macros/messages.ts';
import * as metrics from '../features/metrics/messages.ts';
import * as newTicket from '../features/new-ticket/messages.ts';
import * as notifications from '../features/notifications/messages.ts';
import * as palette from '../features/palette/messages.ts';
import * as routing from '../features/routing/messages.ts';
import * as settings from '../features/settings/messages.ts';
import * as tasks from '../features/tasks/messages.ts';
import * as ticketEvents from '../features/ticket/event-messages.ts';
import * as ticket from '../features/ticket/messages.ts';
import * as ticketSla from '../features/ticket/sla-messages.ts';
import type { Message } from './messages.ts';

export const FEATURE_MESSAGES = [
  accounts,
  board,
  collision,
  complaints,
  dashboard,
  escalations,
  inbox,
  knowledge,
  macros,
  metrics,
  newTicket,
  notifications,
  palette,
  routing,
  settings,
  tasks,
  ticket,
  ticketEvents,
  ticketSla,
] as const;

type EnglishOf<Parts> = Parts extends readonly [{ en: infer English }, ...infer Rest] ? English & EnglishOf<Rest> : unknown;
/** The features' English messages as one type: the keys of every part. */
export type FeatureEnglish = EnglishOf<typeof FEATURE_MESSAGES>;

/** One catalog from its parts. A key in two parts would let one silently win, so it throws. */
export function mergeMessages(parts: readonly object[]): Record<string, Message> {
  const merged: Record<string, Message> = {};
  for (const part of parts) {
    for (const [key, message] of Object.entries(part) as [string, Message][]) {
      if (key in merged) throw new Error(`The message ${key} is defined twice.`);
      merged[key] = message;
    }
  }
  return merged;
}
