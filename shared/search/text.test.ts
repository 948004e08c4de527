import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_END as E, HIGHLIGHT_START as S, indexableText, splitHighlights, toMatchExpression } from './text.ts';

describe('search text preparation', () => {
  it('indexes each Chinese character as its own token and leaves Latin words alone', () => {
    expect(indexableText('refund please')).toBe('refund please');
    expect(indexableText('申请退款').trim().split(/\s+/)).toEqual(['申', '请', '退', '款']);
  });

  it('makes every term required and the last one a prefix', () => {
    expect(toMatchExpression('invoice overd')).toBe('"invoice" AND "overd"*');
    expect(toMatchExpression('invoice ')).toBe('"invoice"');
  });

  it('turns a Chinese run into a phrase of its characters', () => {
    expect(toMatchExpression('退款')).toBe('"退 款"');
    expect(toMatchExpression('VIP退款')).toBe('"vip 退 款"');
  });

  it('treats FTS5 syntax typed by a person as text', () => {
    expect(toMatchExpression('"a" OR b* NEAR(c)')).toBe('"a" AND "or" AND "b" AND "near" AND "c"');
    expect(toMatchExpression('  ***  ')).toBeNull();
  });

  it('splits snippets into highlighted parts and removes the CJK index spacing', () => {
    expect(splitHighlights(`my ${S}invoice${E} is late`)).toEqual([
      { text: 'my ', hit: false },
      { text: 'invoice', hit: true },
      { text: ' is late', hit: false },
    ]);
    expect(splitHighlights(indexableText('我要').concat(` ${S}退${E}  ${S}款${E} `))).toEqual([
      { text: '我要', hit: false },
      { text: '退款', hit: true },
    ]);
  });
});
