/**
 * A lost point's reason in words, in English and Chinese ("-12: 3 urgent tickets open"). Kept in
 * shared/ because Core words them for the owner's desktop notification and the renderer shows them.
 */
import type { HealthReason, HealthReasonCode } from './score.ts';

export interface ReasonText {
  en: string;
  zh: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const WORDS: Record<HealthReasonCode, (v: number) => ReasonText> = {
  urgent_open: (v) => ({ en: `${plural(v, 'urgent ticket', 'urgent tickets')} open`, zh: `${v} 张紧急工单未解决` }),
  sla_breaches: (v) => ({ en: `${plural(v, 'SLA target', 'SLA targets')} missed in 90 days`, zh: `90 天内 ${v} 项 SLA 目标未达成` }),
  escalations: (v) => ({ en: `${plural(v, 'escalation', 'escalations')} in 90 days`, zh: `90 天内升级 ${v} 次` }),
  open_tickets: (v) => ({ en: `${plural(v, 'other ticket', 'other tickets')} open`, zh: `另有 ${v} 张工单未解决` }),
  csat: (v) => ({ en: `CSAT ${v}% in 90 days`, zh: `90 天内 CSAT 为 ${v}%` }),
  nps: (v) => ({ en: `NPS ${v} in 90 days`, zh: `90 天内 NPS 为 ${v}` }),
  ces: (v) => ({ en: `CES averages ${v} of 7`, zh: `CES 平均 ${v}（满分 7）` }),
  csat_trend: (v) => ({ en: `CSAT down ${v} points from the 90 days before`, zh: `CSAT 较前 90 天下降 ${v} 个百分点` }),
  no_interaction: () => ({ en: 'No interaction logged', zh: '没有互动记录' }),
  days_since_interaction: (v) => ({ en: `No interaction for ${plural(v, 'day', 'days')}`, zh: `已 ${v} 天没有互动` }),
  few_interactions: (v) => ({ en: `${v} interactions a month`, zh: `每月 ${v} 次互动` }),
  churned: () => ({ en: 'Account churned', zh: '客户已流失' }),
  stage_at_risk: () => ({ en: 'Marked at risk', zh: '已标记为有风险' }),
  renewal_passed: (v) => ({ en: `Renewal date passed ${plural(v, 'day', 'days')} ago`, zh: `续约日期已过 ${v} 天` }),
  renewal: (v) => ({
    en: v === 0 ? 'Renewal today' : `Renewal in ${plural(v, 'day', 'days')}`,
    zh: v === 0 ? '今天续约' : `${v} 天后续约`,
  }),
};

/** The reason with its points: "-12: 3 urgent tickets open" / "-12：3 张紧急工单未解决". */
export function reasonText(reason: Pick<HealthReason, 'code' | 'points' | 'value'>): ReasonText {
  const words = WORDS[reason.code](reason.value);
  return { en: `-${reason.points}: ${words.en}`, zh: `-${reason.points}：${words.zh}` };
}
