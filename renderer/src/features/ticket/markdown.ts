/**
 * The light formatting agents write in replies and notes, kept as plain text in a small markdown
 * subset: **bold**, *italic* (or _italic_), "- " bulleted lists, [links](https://…) and bare
 * https links. The thread turns it into React elements (Markdown.tsx), never into HTML strings, so
 * whatever a message holds can only ever show up as text. Links are kept only for https and
 * mailto, the two schemes the desktop shell hands to the operating system.
 */

export type Inline = string | { kind: 'strong' | 'em'; children: Inline[] } | { kind: 'link'; href: string; text: string };
export type Block = { kind: 'paragraph'; lines: Inline[][] } | { kind: 'list'; items: Inline[][] };

const LIST_ITEM = /^\s*[-*]\s+/;

/** A link target the console may open, normalized; null for anything else (javascript:, file:, …). */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : null;
  } catch {
    return null;
  }
}

// One alternative per construct; the first that matches at a position wins.
const INLINE =
  /\*\*(?<strong>[^*\n]+?)\*\*|(?<![\w*])\*(?<em>[^\s*](?:[^*\n]*?[^\s*])?)\*(?![\w*])|(?<!\w)_(?<em2>[^\s_](?:[^_\n]*?[^\s_])?)_(?!\w)|\[(?<text>[^\]\n]+)\]\((?<href>[^)\s]+)\)|(?<url>https:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const g = m.groups ?? {};
    const start = m.index;
    if (start > last) out.push(text.slice(last, start));
    last = start + m[0].length;
    if (g.strong !== undefined) out.push({ kind: 'strong', children: parseInline(g.strong) });
    else if (g.em !== undefined || g.em2 !== undefined) out.push({ kind: 'em', children: parseInline(g.em ?? g.em2 ?? '') });
    else if (g.text !== undefined && g.href !== undefined) {
      const href = safeHref(g.href);
      // A link to somewhere the console will not open stays visible as the text that was written.
      out.push(href ? { kind: 'link', href, text: g.text } : m[0]);
    } else if (g.url !== undefined) {
      const href = safeHref(g.url);
      out.push(href ? { kind: 'link', href, text: g.url } : g.url);
    }
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      current = null;
      continue;
    }
    const isItem = LIST_ITEM.test(line);
    if (isItem) {
      if (current?.kind !== 'list') blocks.push((current = { kind: 'list', items: [] }));
      current.items.push(parseInline(line.replace(LIST_ITEM, '')));
    } else {
      if (current?.kind !== 'paragraph') blocks.push((current = { kind: 'paragraph', lines: [] }));
      current.lines.push(parseInline(line));
    }
  }
  return blocks;
}

export type Format = 'bold' | 'italic' | 'list' | 'link';

export interface Edit {
  text: string;
  selectionStart: number;
  selectionEnd: number;
}

const PLACEHOLDER_URL = 'https://';

/**
 * Applies a toolbar button to the text and selection, returning the new text and what to select:
 * bold and italic wrap the selection (or unwrap it when it is already wrapped), a list prefixes
 * every selected line (or removes the prefix when all have it), a link wraps the selection as the
 * link text and selects the address for the person to type.
 */
export function applyFormat(format: Format, { text, selectionStart: from, selectionEnd: to }: Edit, linkText: string): Edit {
  const selected = text.slice(from, to);
  if (format === 'bold' || format === 'italic') {
    const marker = format === 'bold' ? '**' : '*';
    const n = marker.length;
    const before = text.slice(from - n, from);
    const after = text.slice(to, to + n);
    // Unwrap only a real pair: "*" around a bold "**…**" selection is not an italic wrapper.
    const wrapped = before === marker && after === marker && (format === 'bold' || (text[from - 2] !== '*' && text[to + 1] !== '*'));
    if (wrapped) return { text: text.slice(0, from - n) + selected + text.slice(to + n), selectionStart: from - n, selectionEnd: to - n };
    return { text: text.slice(0, from) + marker + selected + marker + text.slice(to), selectionStart: from + n, selectionEnd: to + n };
  }
  if (format === 'list') {
    const lineStart = text.lastIndexOf('\n', from - 1) + 1;
    const nextBreak = text.indexOf('\n', Math.max(to - (to > from && text[to - 1] === '\n' ? 1 : 0), from));
    const lineEnd = nextBreak === -1 ? text.length : nextBreak;
    const lines = text.slice(lineStart, lineEnd).split('\n');
    const allItems = lines.every((line) => LIST_ITEM.test(line));
    const changed = lines.map((line) => (allItems ? line.replace(LIST_ITEM, '') : `- ${line}`)).join('\n');
    const next = text.slice(0, lineStart) + changed + text.slice(lineEnd);
    return { text: next, selectionStart: lineStart, selectionEnd: lineStart + changed.length };
  }
  const label = selected || linkText;
  const inserted = `[${label}](${PLACEHOLDER_URL})`;
  const urlStart = from + label.length + 3;
  return {
    text: text.slice(0, from) + inserted + text.slice(to),
    selectionStart: urlStart,
    selectionEnd: urlStart + PLACEHOLDER_URL.length,
  };
}
