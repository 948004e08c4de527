/**
 * How people sign in to the demo tenant. Five of the demo staff have short, memorable addresses
 * (printed by the server and the start scripts); everyone else signs in as <first.last> at the same
 * domain. Demo only: the server seeds these into an empty database bound to 127.0.0.1 by default.
 */
import type { Role } from '../domain/enums.ts';

export const DEMO_EMAIL_DOMAIN = 'demo.switchboard';

export const DEMO_PASSWORD = 'switchboard-demo';

/** The demo agent every console opens as: the generator's "me". */
export const DEMO_AGENT_EMAIL = `agent@${DEMO_EMAIL_DOMAIN}`;

/** One person of every role, and a Chinese-speaking agent, in the order they are printed. */
export const DEMO_SIGN_INS: readonly { email: string; role: Role }[] = [
  { email: DEMO_AGENT_EMAIL, role: 'agent' },
  { email: `agent.zh@${DEMO_EMAIL_DOMAIN}`, role: 'agent' },
  { email: `manager@${DEMO_EMAIL_DOMAIN}`, role: 'account_manager' },
  { email: `supervisor@${DEMO_EMAIL_DOMAIN}`, role: 'supervisor' },
  { email: `admin@${DEMO_EMAIL_DOMAIN}`, role: 'admin' },
];
