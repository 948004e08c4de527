/**
 * The dashboard.
 * English and Simplified Chinese side by side, key for key (the compiler checks both).
 */
import type { Messages } from '../../i18n/messages.ts';

export const en = {
  'dashboard.title': 'Dashboard',
  'dashboard.generated': 'Computed from local data {time}',
  'dashboard.unassigned': 'Unassigned',
  'dashboard.slaAtRisk': 'SLA at risk',
  'dashboard.slaBreached': 'SLA breached',
  'dashboard.created24h': 'Created, last 24 h',
  'dashboard.solved24h': 'Solved, last 24 h',
  'dashboard.byStatus': 'Tickets by status',
  'dashboard.byPriority': 'Unsolved by priority',
  'dashboard.backlogByAge': 'Backlog by age',
  'dashboard.workload': 'Workload per agent',
  'dashboard.workloadValue': '{open} of {capacity}',
  'dashboard.overCapacity': 'Over capacity',
  'dashboard.noAgents': 'No agents yet.',
  'dashboard.agent': 'Agent',
  'dashboard.openTickets': 'Open tickets',
  'backlog.lt_1d': 'Under 1 day',
  'backlog.1_3d': '1–3 days',
  'backlog.3_7d': '3–7 days',
  'backlog.7_30d': '7–30 days',
  'backlog.gt_30d': 'Over 30 days',
};

export const zhCN: Messages<typeof en> = {
  'dashboard.title': '仪表盘',
  'dashboard.generated': '基于本地数据计算于{time}',
  'dashboard.unassigned': '未分配',
  'dashboard.slaAtRisk': 'SLA 临近超时',
  'dashboard.slaBreached': 'SLA 已超时',
  'dashboard.created24h': '近 24 小时新建',
  'dashboard.solved24h': '近 24 小时解决',
  'dashboard.byStatus': '按状态统计',
  'dashboard.byPriority': '未解决工单（按优先级）',
  'dashboard.backlogByAge': '积压工单（按时长）',
  'dashboard.workload': '客服工作量',
  'dashboard.workloadValue': '{open} / {capacity}',
  'dashboard.overCapacity': '超出容量',
  'dashboard.noAgents': '暂无客服。',
  'dashboard.agent': '客服',
  'dashboard.openTickets': '未结工单',
  'backlog.lt_1d': '不到 1 天',
  'backlog.1_3d': '1–3 天',
  'backlog.3_7d': '3–7 天',
  'backlog.7_30d': '7–30 天',
  'backlog.gt_30d': '超过 30 天',
};
