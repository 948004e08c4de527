/** `--name value` and `--flag` arguments for the server's command lines. */
export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], known: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument ${arg}`);
    const name = arg.slice(2);
    if (!known.includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    out.set(name, value);
    i++;
  }
  return out;
}

export function required(args: Map<string, string>, name: string): string {
  const value = args.get(name);
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}
