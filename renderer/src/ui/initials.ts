/** One or two letters for an avatar: the first character of a Chinese name, initials otherwise. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/);
  if (words.length > 1 && /^[A-Za-z]/.test(name)) return ((words[0]?.[0] ?? '') + (words.at(-1)?.[0] ?? '')).toUpperCase();
  return [...name.trim()][0]?.toUpperCase() ?? '?';
}
