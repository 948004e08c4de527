/**
 * An agent's day at a glance, above their queue: what they solved and replied today and their CSAT
 * over the last 30 days (definitions: docs/metrics.md, "My day"). Counted by Core from the cache,
 * offline too, and counted again when tickets, messages or answers change. It asks only once the
 * queue's first rows are on screen: those come first at every start.
 */
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';

/** The zone whose midnight starts "today": this computer's, as the person's clock shows. */
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function MyDayStrip() {
  const { t, f } = useI18n();
  const day = useQuery('metrics:myDay', (api) => api.metrics.myDay({ timeZone: TIME_ZONE }), ['ticket', 'message', 'feedback']).data;
  if (!day) return null;
  const { csat } = day;
  return (
    <section className="my-day" aria-label={t('myDay.label')}>
      <span className="my-day-title">{t('myDay.today')}</span>
      <span>{t('myDay.solved', { count: day.solved, shown: f.number(day.solved) })}</span>
      <span>{t('myDay.replies', { count: day.replies, shown: f.number(day.replies) })}</span>
      <span>
        {csat.score === null
          ? t('myDay.csatNone', { days: csat.days })
          : t('myDay.csat', { days: csat.days, score: f.percent(csat.score), count: csat.ratings, ratings: f.number(csat.ratings) })}
      </span>
    </section>
  );
}
