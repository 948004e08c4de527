/**
 * The renderer's view of Core, generated from the contract: `api.tickets.list(input)` for the
 * channel 'tickets.list'. Two layers:
 * - a Bridge returns each call's Result envelope (what the preload exposes over contextBridge,
 *   since thrown errors lose their code when they cross it);
 * - an Api unwraps envelopes and throws AppError, which is what UI code uses.
 */
import { AppError, type Result } from './errors.ts';
import type { ChannelInput, ChannelName, ChannelOutput } from './channels.ts';
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

/**
 * The methods named by `api.<namespace>.<method>`, made when first read. The renderer starts
 * without the contract's list of channels: that list comes with every channel's schemas, and
 * building those stood in front of the first screen (docs/benchmarks.md). A name outside the
 * contract is a type error here and an UNKNOWN_CHANNEL answer from Core. `then` is never a
 * method, so an Api passed through a promise is not mistaken for one.
 */
function namedMethods<T>(method: (channel: ChannelName) => T): Record<string, Record<string, T>> {
  const namespaces = new Map<string, Record<string, T>>();
  const namespace = (ns: string) => {
    let methods = namespaces.get(ns);
    if (!methods) {
      const made = new Map<string, T>();
      methods = new Proxy({} as Record<string, T>, {
        get: (_target, name) => {
          if (typeof name !== 'string' || name === 'then') return undefined;
          let m = made.get(name);
          if (m === undefined) made.set(name, (m = method(`${ns}.${name}` as ChannelName)));
          return m;
        },
      });
      namespaces.set(ns, methods);
    }
    return methods;
  };
  return new Proxy({} as Record<string, Record<string, T>>, {
    get: (_target, ns) => (typeof ns !== 'string' || ns === 'then' ? undefined : namespace(ns)),
  });
}

/** A Bridge over one invoke function. (The preload lists the contract's channels itself: contextBridge copies plain objects only.) */
export function buildBridge(invoke: (channel: ChannelName, input: unknown) => Promise<Result<unknown>>): Bridge {
  return namedMethods((channel) => (input: unknown) => invoke(channel, input)) as unknown as Bridge;
}

/** The Api over a Bridge: resolves with the value or rejects with the AppError the envelope carried. */
export function createApi(bridge: Bridge, on: EventSubscriber): Api {
  const calls = bridge as unknown as Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>>;
  const methods = namedMethods((channel) => {
    const [ns, method] = channel.split('.') as [string, string];
    return async (input: unknown) => {
      const result = await calls[ns]![method]!(input);
      if (result.ok) return result.value;
      throw AppError.fromPayload(result.error);
    };
  });
  return new Proxy({} as Api, { get: (_target, name) => (name === 'on' ? on : Reflect.get(methods, name)) });
}
