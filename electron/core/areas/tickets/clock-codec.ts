/**
 * Core's readers of kept clock steps import the encoding from here; it lives in shared/sla/ since
 * the server keeps the same steps (server/sla/clock-log.ts).
 */
export { decodeClockSteps, encodeClockSteps } from '../../../../shared/sla/clock-codec.ts';
