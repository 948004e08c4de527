/**
 * The one place a call is checked and run, whatever carried it (Electron IPC, the web host's HTTP,
 * a direct call in tests): unknown channels and invalid input are refused with a typed error before
 * any handler runs, the handler's output is checked against the contract (so nothing outside it, and
 * nothing that is not JSON-safe, leaves Core), and every failure becomes an error payload.
 */
import { AppError, type Result, toErrorPayload, validationError } from './errors.ts';
import { type ChannelName, type ChannelOutput, type ChannelParsedInput, contract, isChannelName } from './channels.ts';

export type Handlers = {
  [C in ChannelName]: (input: ChannelParsedInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

/**
 * The handlers of one area's channels (shared/areas/<area>/channels.ts): exactly those and every
 * one of them, so the compiler finds a channel an area declares but does not handle.
 */
export type AreaHandlers<Channels> = Pick<Handlers, keyof Channels & ChannelName>;

export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>;

export interface DispatchOptions {
  /** Called with every error that is not an AppError (a bug), before it is reduced to INTERNAL. */
  onInternalError?: (channel: string, err: unknown) => void;
}

/** Validates a call's input; throws AppError(UNKNOWN_CHANNEL | VALIDATION). */
export function parseCall<C extends ChannelName>(channel: C | string, input: unknown): { channel: C; input: ChannelParsedInput<C> } {
  if (!isChannelName(channel)) throw new AppError('UNKNOWN_CHANNEL', `no channel named ${JSON.stringify(String(channel).slice(0, 100))}`);
  const parsed = contract[channel].input.safeParse(input ?? {});
  if (!parsed.success) throw validationError(`input for ${channel}`, parsed.error);
  return { channel: channel as C, input: parsed.data as ChannelParsedInput<C> };
}

export function createDispatch(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (channel, rawInput) => {
    try {
      const call = parseCall(channel, rawInput);
      const handler = handlers[call.channel] as (input: unknown) => unknown;
      const value = await handler(call.input);
      const out = contract[call.channel].output.safeParse(value);
      if (!out.success) throw new Error(`output of ${call.channel} broke the contract: ${out.error.message}`);
      return { ok: true, value: out.data };
    } catch (err) {
      if (!(err instanceof AppError)) options.onInternalError?.(channel, err);
      return { ok: false, error: toErrorPayload(err) };
    }
  };
}
