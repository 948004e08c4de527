import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/contract/errors.ts';
import { CUSTOMER_TYPES, TICKET_STATUSES } from '../../../shared/domain/enums.ts';
import { mutators } from '../../../shared/sync/mutators.ts';
import { CATALOGS, createTranslate, isMessageKey, localeFromLanguages } from './catalog.ts';
import { createFormatters } from './format.ts';

describe('message catalogs', () => {
  it('have identical keys and plural shapes in English and Chinese', () => {
    expect(Object.keys(CATALOGS['zh-CN']).sort()).toEqual(Object.keys(CATALOGS.en).sort());
    for (const [key, message] of Object.entries(CATALOGS.en)) {
      expect(typeof CATALOGS['zh-CN'][key as keyof typeof CATALOGS.en], key).toBe(typeof message);
    }
  });

  it('translate every error code, status and customer type with a non-empty text', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const t = createTranslate(locale);
      for (const code of ERROR_CODES) expect(t(`error.${code}`)).not.toBe('');
      for (const status of TICKET_STATUSES) expect(t(`status.${status}`)).not.toBe('');
      for (const type of CUSTOMER_TYPES) expect(t(`customerHint.${type}`)).not.toBe('');
    }
  });

  it('name every mutator, so a sync issue says which change it was', () => {
    for (const name of Object.keys(mutators)) expect(isMessageKey(`mutation.${name}`), name).toBe(true);
    expect(isMessageKey('mutation.no.such')).toBe(false);
  });

  it('interpolate parameters and pick plural forms', () => {
    const en = createTranslate('en');
    expect(en('ticket.messageCount', { count: 1 })).toBe('1 message');
    expect(en('ticket.messageCount', { count: 1200 })).toBe('1,200 messages');
    expect(en('ticket.back', { view: 'Mine' })).toBe('Back to Mine');
    expect(createTranslate('zh-CN')('ticket.messageCount', { count: 3 })).toBe('3 条消息');
  });
});

describe('locale and formatting', () => {
  it('follows the first system language: any Chinese variant is zh-CN, anything else English', () => {
    expect(localeFromLanguages(['zh-TW', 'en'])).toBe('zh-CN');
    expect(localeFromLanguages(['zh'])).toBe('zh-CN');
    expect(localeFromLanguages(['de-DE', 'zh-CN'])).toBe('en');
    expect(localeFromLanguages([])).toBe('en');
  });

  it('formats money from minor units and relative times per locale', () => {
    expect(createFormatters('en').currency(12_500_000, 'USD')).toBe('$125,000');
    expect(createFormatters('en').weekdayDate(new Date(2026, 11, 7, 12).getTime())).toBe('Mon, Dec 7, 2026');
    expect(createFormatters('zh-CN').weekdayDate(new Date(2026, 11, 7, 12).getTime())).toBe('2026年12月7日周一');
    expect(createFormatters('en').currency(150_000, 'JPY')).toBe('¥150,000');
    expect(createFormatters('zh-CN').currency(880_000, 'CNY')).toBe('¥8,800');
    expect(createFormatters('en').relative(0, 3 * 3_600_000)).toBe('3 hours ago');
    expect(createFormatters('zh-CN').relative(0, 3 * 3_600_000)).toBe('3小时前');
  });
});
