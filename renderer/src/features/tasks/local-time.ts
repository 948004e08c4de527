/**
 * A `datetime-local` input's value and the instant it means, in this computer's time zone (the
 * one "My tasks" groups by): the input knows no zone, so both directions read the local clock.
 */
const pad = (n: number) => String(n).padStart(2, '0');

export function toLocalInput(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant of a `YYYY-MM-DDTHH:mm` value, or null for an empty or unreadable one. */
export function fromLocalInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const at = new Date(value).getTime();
  return Number.isNaN(at) ? null : at;
}

/** Tomorrow at 09:00 on this computer's clock: when a new task is due unless the person says otherwise. */
export function tomorrowMorning(now: number): number {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  return d.getTime();
}
