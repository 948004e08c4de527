/**
 * What customers write beside a CSAT, CES or NPS score in the demo data, by how the score went.
 * The complaint review lists the low ones, newest first, so they read like real answers: some
 * short, some specific, some none at all (most people leave a score and nothing else).
 */
import type { FeedbackKind, Locale } from '../domain/enums.ts';
import type { Random } from './random.ts';

type Band = 'good' | 'mixed' | 'bad';

const COMMENTS: Record<Locale, Record<Band, string[]>> = {
  en: {
    good: [
      'Quick and helpful, thanks!',
      'Solved on the first reply. Great service.',
      'The agent explained everything clearly.',
      'Friendly and fast, exactly what I needed.',
      'Really appreciated the follow-up call.',
    ],
    mixed: [
      'Fixed in the end, but I had to explain the problem twice.',
      'OK, although the first answer did not fit my question.',
      'Took a while, but the result is fine.',
    ],
    bad: [
      'Took too long to resolve.',
      'I was passed between three people and nobody owned it.',
      'Still not fixed; I had to write again after it was marked solved.',
      'The answer was a copy of the help page I had already read.',
      'Nobody replied for two days.',
      'Billing charged us twice and the refund is still missing.',
    ],
  },
  'zh-CN': {
    good: ['处理得很快，谢谢！', '第一次回复就解决了，服务很好。', '客服解释得很清楚。', '态度热情，效率很高。', '非常感谢主动回访。'],
    mixed: ['最后解决了，但问题说了两遍。', '还可以，第一次的回答没对上我的问题。', '花了些时间，结果还行。'],
    bad: [
      '解决得太慢了。',
      '被转了三个人，没有人负责到底。',
      '标记为已解决后问题还在，只好再发一次。',
      '回复只是复制了我看过的帮助文档。',
      '两天都没人回复。',
      '重复扣费，退款到现在还没到账。',
    ],
  },
};

/** How a score reads: CSAT 1-5, CES 1-7 (7: very easy), NPS 0-10 (detractors 0-6). */
function band(kind: FeedbackKind, score: number): Band {
  if (kind === 'csat') return score >= 4 ? 'good' : score === 3 ? 'mixed' : 'bad';
  if (kind === 'ces') return score >= 6 ? 'good' : score >= 4 ? 'mixed' : 'bad';
  return score >= 9 ? 'good' : score >= 7 ? 'mixed' : 'bad';
}

/** A comment for the answer, or '' (left blank): unhappy customers write more often. */
export function feedbackComment(random: Random, locale: Locale, kind: FeedbackKind, score: number): string {
  const b = band(kind, score);
  if (!random.chance(b === 'bad' ? 0.8 : b === 'mixed' ? 0.5 : 0.35)) return '';
  return random.pick(COMMENTS[locale][b]);
}
