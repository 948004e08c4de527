import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/use-i18n.ts';

/** The current time, ticking once a minute so relative times ("5 minutes ago") stay true. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** "3 hours ago", with the exact date and time on hover and for assistive technology. */
export function RelativeTime({ at, now }: { at: number; now: number }) {
  const { f } = useI18n();
  const exact = f.dateTime(at);
  return (
    <time dateTime={new Date(at).toISOString()} title={exact}>
      {f.relative(at, now)}
    </time>
  );
}
