/**
 * The shape of messages. Values are strings with `{name}` placeholders, or, where a count changes
 * the wording, one string per Intl.PluralRules category ('other' required).
 */
export type PluralMessage = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
export type Message = string | PluralMessage;

/** Another language's messages for an English set: exactly the same keys. */
export type Messages<English> = { readonly [K in keyof English]: Message };
