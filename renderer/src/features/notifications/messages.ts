/**
 * Notifications: the in-app centre and the browser setting.
 * English and Simplified Chinese side by side, key for key (the compiler checks both).
 */
import type { Messages } from '../../i18n/messages.ts';

export const en = {
  'notifications.title': 'Desktop notifications',
  'notifications.setting': 'Notify me when a ticket is assigned to me or my customer replies',
  'notifications.blocked': 'This browser blocks notifications from Switchboard. Allow them in the site settings to receive them.',
  'notifications.unsupported': 'This browser cannot show desktop notifications.',
  'notifications.ask':
    'Switchboard can tell you when a ticket is assigned to you or a customer replies, even while this tab is in the background.',
  'notifications.allow': 'Turn on notifications',
  'notifications.notNow': 'Not now',
};

export const zhCN: Messages<typeof en> = {
  'notifications.title': '桌面通知',
  'notifications.setting': '有工单分配给我或客户回复时通知我',
  'notifications.blocked': '此浏览器已阻止 Switchboard 的通知。请在网站设置中允许通知。',
  'notifications.unsupported': '此浏览器无法显示桌面通知。',
  'notifications.ask': '即使此标签页在后台，Switchboard 也可以在有工单分配给你或客户回复时通知你。',
  'notifications.allow': '开启通知',
  'notifications.notNow': '暂不',
};
