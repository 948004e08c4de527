/**
 * Collisions: who else is on the ticket, and replies that missed newer messages.
 * English and Simplified Chinese side by side, key for key (the compiler checks both).
 */
import type { Messages } from '../../i18n/messages.ts';

export const en = {
  'presence.label': 'Also on this ticket',
  'presence.viewing': '{name} is viewing',
  'presence.typing': '{name} is typing a reply…',
  'presence.lastSeen': 'Last seen here by {name} {time}',
  'stale.title': 'New messages since you started writing',
  'stale.intro': {
    one: 'This message arrived after the last one you saw. Read it before your reply goes out.',
    other: 'These {count} messages arrived after the last one you saw. Read them before your reply goes out.',
  },
  'stale.heldBack': 'Your reply wasn’t sent: the customer wrote again',
  'stale.heldBackColleague': 'Your reply wasn’t sent: a colleague replied first',
  'stale.heldBackHint': 'Read what came in, then send your reply as it is, edit it, or discard it.',
  'stale.yourReply': 'Your reply',
  'stale.sendAnyway': 'Send anyway',
  'stale.edit': 'Edit reply',
  'stale.discard': 'Discard reply',
  'stale.customer': 'Customer',
  'stale.colleague': 'Colleague',
  'stale.field': 'Newer messages',
};

export const zhCN: Messages<typeof en> = {
  'presence.label': '也在查看此工单',
  'presence.viewing': '{name} 正在查看',
  'presence.typing': '{name} 正在输入回复…',
  'presence.lastSeen': '{name} {time}在此查看过',
  'stale.title': '你开始撰写后有新消息',
  'stale.intro': { other: '以下 {count} 条消息是在你看到的最后一条之后到达的。请先阅读，再发送你的回复。' },
  'stale.heldBack': '你的回复未发送：客户又发来了消息',
  'stale.heldBackColleague': '你的回复未发送：同事已先行回复',
  'stale.heldBackHint': '请先阅读新消息，然后按原样发送、编辑或放弃你的回复。',
  'stale.yourReply': '你的回复',
  'stale.sendAnyway': '仍然发送',
  'stale.edit': '编辑回复',
  'stale.discard': '放弃回复',
  'stale.customer': '客户',
  'stale.colleague': '同事',
  'stale.field': '较新的消息',
};
