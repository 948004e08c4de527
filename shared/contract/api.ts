/**
 * The renderer's view of Core, generated from the contract: `api.tickets.list(input)` for the
 * channel 'tickets.list'. Two layers:
 * - a Bridge returns each call's Result envelope (what the preload exposes over contextBridge,
 *   since thrown errors lose their code when they cross it);
 * - an Api unwraps envelopes and throws AppError, which is what UI code uses.
 */
import { AppError, type Result } from './errors.ts';
import { type ChannelInput, type ChannelName, type ChannelOutput, CHANNEL_NAMES } from './channels.ts';
import type { EventName, EventPayload } from './events.ts';

type NamespaceOf<C extends string> = C extends `${infer N}.${string}` ? N : never;
type MethodsOf<N extends string, R extends 'result' | 'value'> = {
  [C in ChannelName as C extends `${N}.${infer M}` ? M : never]: (
    input: ChannelInput<C>,
  ) => Promise<R extends 'result' ? Result<ChannelOutput<C>> : ChannelOutput<C>>;
};

export type Bridge = { [N in NamespaceOf<ChannelName>]: MethodsOf<N, 'result'> };
export type EventSubscriber = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
export type Api = { [N in NamespaceOf<ChannelName>]: MethodsOf<N, 'value'> } & { on: EventSubscriber };

/** Builds the named methods of every channel over one invoke function. */
export function buildBridge(invoke: (channel: ChannelName, input: unknown) => Promise<Result<unknown>>): Bridge {
  const bridge: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const channel of CHANNEL_NAMES) {
    const [ns, method] = channel.split('.') as [string, string];
    (bridge[ns] ??= {})[method] = (input: unknown) => invoke(channel, input);
  }
  return bridge as unknown as Bridge;
}

/** The Api over a Bridge: resolves with the value or rejects with the AppError the envelope carried. */
export function createApi(bridge: Bridge, on: EventSubscriber): Api {
  const api: Record<string, unknown> = { on };
  for (const [ns, methods] of Object.entries(
    bridge as unknown as Record<string, Record<string, (i: unknown) => Promise<Result<unknown>>>>,
  )) {
    const wrapped: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [method, call] of Object.entries(methods)) {
      wrapped[method] = async (input: unknown) => {
        const result = await call(input);
        if (result.ok) return result.value;
        throw AppError.fromPayload(result.error);
      };
    }
    api[ns] = wrapped;
  }
  return api as Api;
}
