/**
 * The ticket's service levels in words: the SLA automation's events in the history and thread
 * (met, breached, people told, escalated for a breach) and the SLA panel. English and Simplified
 * Chinese side by side, key for key.
 */
import type { Messages } from '../../i18n/messages.ts';

export const en = {
  'eventKind.sla_notified': 'People told of a breach',
  'mutation.ticket.slaBreachAction': 'SLA breach action',
  'slaMetric.firstReply': 'First reply',
  'slaMetric.nextReply': 'Next reply',
  'slaMetric.resolution': 'Resolution',
  'history.sla.met': '{metric} target met',
  'history.sla.breached': '{metric} target breached',
  'history.slaNotified.assignee': '{metric} target breached: told the assignee, {people}',
  'history.slaNotified.supervisors': '{metric} target breached: told the team’s supervisors, {people}',
  'history.escalatedForBreach': '{change}: {metric} target breached',
  'event.escalatedForBreach': '{actor} escalated the ticket to {tier}: {metric} target breached.',
};

export const zhCN: Messages<typeof en> = {
  'eventKind.sla_notified': '已通知违约',
  'mutation.ticket.slaBreachAction': 'SLA 违约处理',
  'slaMetric.firstReply': '首次回复',
  'slaMetric.nextReply': '下次回复',
  'slaMetric.resolution': '解决',
  'history.sla.met': '{metric}目标已达成',
  'history.sla.breached': '{metric}目标已违约',
  'history.slaNotified.assignee': '{metric}目标已违约：已通知处理人 {people}',
  'history.slaNotified.supervisors': '{metric}目标已违约：已通知团队主管 {people}',
  'history.escalatedForBreach': '{change}：{metric}目标已违约',
  'event.escalatedForBreach': '{actor} 将工单升级到{tier}：{metric}目标已违约。',
};
