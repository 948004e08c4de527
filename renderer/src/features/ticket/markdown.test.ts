import { describe, expect, it } from 'vitest';
import { applyFormat, parseInline, parseMarkdown, safeHref } from './markdown.ts';

describe('the composer’s markdown subset', () => {
  it('reads bold, italic, links and lists, and leaves everything else as text', () => {
    expect(parseInline('**Refund** is *on its way*, see [terms](https://example.com/t) or _faq_')).toEqual([
      { kind: 'strong', children: ['Refund'] },
      ' is ',
      { kind: 'em', children: ['on its way'] },
      ', see ',
      { kind: 'link', href: 'https://example.com/t', text: 'terms' },
      ' or ',
      { kind: 'em', children: ['faq'] },
    ]);
    // Arithmetic, snake_case and file paths are not formatting.
    expect(parseInline('2 * 3 * 4 and snake_case_name')).toEqual(['2 * 3 * 4 and snake_case_name']);
    expect(parseMarkdown('Steps:\n- one\n* two\n\nThanks,\nMei')).toEqual([
      { kind: 'paragraph', lines: [['Steps:']] },
      { kind: 'list', items: [['one'], ['two']] },
      { kind: 'paragraph', lines: [['Thanks,'], ['Mei']] },
    ]);
  });

  it('keeps links only to https and mailto', () => {
    expect(safeHref('https://example.com/a b')).toBe('https://example.com/a%20b');
    expect(safeHref('mailto:help@example.com')).toBe('mailto:help@example.com');
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'file:///etc/passwd',
      'http://example.com',
      'data:text/html,x',
      '/relative',
    ])
      expect(safeHref(bad)).toBeNull();
    expect(parseInline('[click](javascript:alert(1))')).toEqual(['[click](javascript:alert(1)', ')']);
  });

  it('wraps and unwraps the selection, prefixes lines, and selects the address of a new link', () => {
    const sel = (text: string, from: number, to = from) => ({ text, selectionStart: from, selectionEnd: to });
    expect(applyFormat('bold', sel('make this bold', 10, 14), 'link')).toEqual(sel('make this **bold**', 12, 16));
    expect(applyFormat('bold', sel('make this **bold**', 12, 16), 'link')).toEqual(sel('make this bold', 10, 14));
    expect(applyFormat('italic', sel('an empty ', 9), 'link')).toEqual(sel('an empty **', 10));
    expect(applyFormat('list', sel('one\ntwo\nthree', 0, 7), 'link').text).toBe('- one\n- two\nthree');
    expect(applyFormat('list', sel('- one\n- two', 0, 11), 'link').text).toBe('one\ntwo');
    expect(applyFormat('link', sel('read the guide', 9, 14), 'link text')).toEqual(sel('read the [guide](https://)', 17, 25));
    expect(applyFormat('link', sel('', 0), 'link text')).toEqual(sel('[link text](https://)', 12, 20));
  });
});
