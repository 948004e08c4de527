/**
 * The language of a customer's message, for skills-based routing: Chinese when Han characters make
 * up at least a fifth of its letters, English otherwise; null when it has no letters at all (an
 * attachment, a row of emoji), so routing falls back to language-blind rules. A fifth, not a half,
 * because Chinese messages carry Latin product names, order numbers and URLs, while English ones
 * almost never carry Han characters.
 */
import type { Locale } from '../domain/enums.ts';

const HAN = /\p{Script=Han}/u;
const LETTER = /\p{L}/u;
const HAN_SHARE_FOR_CHINESE = 0.2;

export function detectLanguage(text: string): Locale | null {
  let letters = 0;
  let han = 0;
  for (const ch of text) {
    if (HAN.test(ch)) {
      han++;
      letters++;
    } else if (LETTER.test(ch)) {
      // A Latin word weighs as one Han character per four letters, roughly a word for a word.
      letters += 0.25;
    }
  }
  if (letters === 0) return null;
  return han / letters >= HAN_SHARE_FOR_CHINESE ? 'zh-CN' : 'en';
}
