/**
 * The search palette.
 * English and Simplified Chinese side by side, key for key (the compiler checks both).
 */
import type { Messages } from '../../i18n/messages.ts';

export const en = {
  'palette.title': 'Search',
  'palette.placeholder': 'Search by words, a ticket number or a customer’s name',
  'palette.recent': 'Recent searches',
  'palette.noRecent': 'Type to search. Your recent searches will show here.',
  'palette.group.ticket': 'Tickets',
  'palette.group.message': 'Messages',
  'palette.group.contact': 'Contacts',
  'palette.group.account': 'Accounts',
  'palette.group.article': 'Articles',
  'palette.kind.all': 'Everything',
  'palette.kinds': 'Search in',
  'palette.statuses': 'Ticket status',
  'palette.statusNote': 'With a status chosen, only tickets and messages are shown.',
  'palette.count': { one: '1 result', other: '{count} results' },
  'palette.showAll': 'Show all {count} in {group}',
  'palette.showMore': 'Show more in {group} ({count}+ found)',
  'palette.nextPage': 'Show more ({shown} of {count} shown)',
  'palette.hint': '↑ ↓ to move, Enter to open, Tab for filters, Esc to close',
};

export const zhCN: Messages<typeof en> = {
  'palette.title': '搜索',
  'palette.placeholder': '输入关键词、工单编号或客户姓名',
  'palette.recent': '最近的搜索',
  'palette.noRecent': '输入内容开始搜索。最近的搜索会显示在这里。',
  'palette.group.ticket': '工单',
  'palette.group.message': '消息',
  'palette.group.contact': '联系人',
  'palette.group.account': '账户',
  'palette.group.article': '文章',
  'palette.kind.all': '全部',
  'palette.kinds': '搜索范围',
  'palette.statuses': '工单状态',
  'palette.statusNote': '选择状态后，只显示工单和消息。',
  'palette.count': { other: '{count} 个结果' },
  'palette.showAll': '显示{group}中的全部 {count} 条',
  'palette.showMore': '显示{group}中的更多结果（已找到 {count}+ 条）',
  'palette.nextPage': '显示更多（已显示 {shown} / {count} 条）',
  'palette.hint': '↑ ↓ 移动，Enter 打开，Tab 切换到筛选，Esc 关闭',
};
