/**
 * Labels for the domain's closed vocabularies. The template-literal keys make the compiler check
 * that the catalog has a label for every member of every enum.
 */
import type {
  AccountTier,
  Channel,
  CustomerType,
  EscalationTier,
  LifecycleStage,
  MessageKind,
  Role,
  TicketPriority,
  TicketStatus,
  TicketType,
} from '../../../shared/domain/enums.ts';
import type { TicketEventKind, TicketSort } from '../../../shared/domain/records.ts';
import type { BuiltinView } from '../../../shared/domain/views.ts';
import type { ErrorCode } from '../../../shared/contract/errors.ts';
import type { Translate } from './catalog.ts';

export const labels = (t: Translate) => ({
  status: (v: TicketStatus) => t(`status.${v}`),
  priority: (v: TicketPriority) => t(`priority.${v}`),
  type: (v: TicketType) => t(`type.${v}`),
  channel: (v: Channel) => t(`channel.${v}`),
  escalation: (v: EscalationTier) => t(`escalation.${v}`),
  role: (v: Role) => t(`role.${v}`),
  customerType: (v: CustomerType) => t(`customerType.${v}`),
  customerHint: (v: CustomerType) => t(`customerHint.${v}`),
  tier: (v: AccountTier) => t(`tier.${v}`),
  lifecycle: (v: LifecycleStage) => t(`lifecycle.${v}`),
  messageKind: (v: MessageKind) => t(`messageKind.${v}`),
  eventKind: (v: TicketEventKind) => t(`eventKind.${v}`),
  view: (v: BuiltinView) => t(`view.${v}`),
  sort: (v: TicketSort) => t(`sort.${v}`),
  error: (code: ErrorCode) => t(`error.${code}`),
});

export type Labels = ReturnType<typeof labels>;
