/**
 * The ticket's events as sentences in the conversation (event-text.ts): each names who acted, so
 * the line reads on its own. English and Simplified Chinese side by side, key for key.
 */
import type { Messages } from '../../i18n/messages.ts';

export const en = {
  'event.assigned': '{actor} assigned the ticket to {to}.',
  'event.unassigned': '{actor} unassigned the ticket.',
  'event.team': '{actor} moved the ticket to {to}.',
  'event.priority': '{actor} changed the priority to {to}.',
  'event.escalated': '{actor} escalated the ticket to {tier}: “{reason}”',
  'event.escalatedTo': '{actor} escalated the ticket to {tier}.',
  'event.deescalated': '{actor} took the ticket back to {tier}: “{reason}”',
  'event.deescalatedKind': 'De-escalated',
  'event.solved': '{actor} marked the ticket as solved.',
  'event.closed': '{actor} closed the ticket.',
  'event.reopened': '{actor} reopened the ticket.',
  'event.mergedInto': '{actor} merged this ticket into {ticket}.',
  'event.mergedFrom': '{actor} merged {ticket} into this ticket.',
  'history.automation.autoClose': 'Auto-close after solving',
  'history.automation.routing': 'Routing',
  'history.automation.presence': 'Presence',
  'history.routed': 'to {agent}: {mode} among {count} available agents',
  'history.routedOne': 'to {agent}: {mode}, the only available agent',
  'history.routedWith': '{routed} with {language}',
  'history.routingMode.round_robin': 'round robin',
  'history.routingMode.least_loaded': 'least loaded',
  'history.language.en': 'English',
  'history.language.zh-CN': 'Chinese',
};

export const zhCN: Messages<typeof en> = {
  'event.assigned': '{actor} 将工单分配给 {to}。',
  'event.unassigned': '{actor} 取消了工单的分配。',
  'event.team': '{actor} 将工单转到 {to}。',
  'event.priority': '{actor} 将优先级改为 {to}。',
  'event.escalated': '{actor} 将工单升级到{tier}：“{reason}”',
  'event.escalatedTo': '{actor} 将工单升级到{tier}。',
  'event.deescalated': '{actor} 将工单降回{tier}：“{reason}”',
  'event.deescalatedKind': '已降级',
  'event.solved': '{actor} 将工单标记为已解决。',
  'event.closed': '{actor} 关闭了工单。',
  'event.reopened': '{actor} 重新打开了工单。',
  'event.mergedInto': '{actor} 将此工单合并到 {ticket}。',
  'event.mergedFrom': '{actor} 将 {ticket} 合并到此工单。',
  'history.automation.autoClose': '解决后自动关闭',
  'history.automation.routing': '自动分配',
  'history.automation.presence': '在线状态',
  'history.routed': '分配给 {agent}：在 {count} 位可用客服中{mode}',
  'history.routedOne': '分配给 {agent}：{mode}，唯一可用的客服',
  'history.routedWith': '{routed}，匹配{language}',
  'history.routingMode.round_robin': '轮流分配',
  'history.routingMode.least_loaded': '按最少负载分配',
  'history.language.en': '英语',
  'history.language.zh-CN': '中文',
};
