/**
 * What the renderer evaluates before its first call. Building the contract's schemas (every
 * channel's input and output, every mutator's arguments), the domain's record schemas, the ticket
 * page and luxon's time zones stood in front of the first inbox rows (docs/benchmarks.md): the
 * start reaches none of them through a value import. Type imports and dynamic `import()` (lazy
 * parts, the events' schemas) are not on that path.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ENTRY = resolve(ROOT, 'renderer/src/main.tsx');

/** The static value imports of one module (relative ones: the project's own files). */
function valueImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const found: string[] = [];
  const statement = /^(import|export)\s+([^;]*?)\s*from\s+'(\.[^']+)'|^import\s+'(\.[^']+)'/gms;
  for (const m of source.matchAll(statement)) {
    const [, , clause = '', from, bare] = m;
    const typeOnly =
      /^type\b/.test(clause) ||
      (/^\{[^}]*\}$/s.test(clause) &&
        clause
          .slice(1, -1)
          .split(',')
          .every((n) => /^\s*(type\s|$)/.test(n)));
    if (!typeOnly) found.push(resolve(dirname(file), (from ?? bare)!));
  }
  return found;
}

/** Every module the entry reaches, each with the module that first imported it. */
function reachedFrom(entry: string): Map<string, string | null> {
  const reached = new Map<string, string | null>([[entry, null]]);
  for (const file of reached.keys()) {
    for (const next of valueImports(file)) if (!reached.has(next)) reached.set(next, file);
  }
  return reached;
}

function chain(reached: Map<string, string | null>, file: string): string {
  const path: string[] = [];
  for (let at: string | null | undefined = file; at; at = reached.get(at)) path.unshift(relative(ROOT, at));
  return path.join(' -> ');
}

describe("the renderer's start", () => {
  const reached = reachedFrom(ENTRY);

  it('walks the real import graph', () => {
    expect(reached.has(resolve(ROOT, 'renderer/src/App.tsx'))).toBe(true);
    expect(reached.has(resolve(ROOT, 'shared/contract/api.ts'))).toBe(true);
  });

  it.each([
    'shared/contract/channels.ts',
    'shared/contract/events.ts',
    'shared/sync/mutators.ts',
    'shared/domain/records.ts',
    'shared/sync/entities.ts',
    'renderer/src/features/ticket/TicketView.tsx',
  ])('does not build %s', (module) => {
    const file = resolve(ROOT, module);
    expect(reached.has(file) ? chain(reached, file) : null).toBeNull();
  });

  it('does not load luxon', () => {
    const importers = [...reached.keys()].filter((file) => /^import\s[^;]*from\s+'luxon'/m.test(readFileSync(file, 'utf8')));
    expect(importers.map((file) => chain(reached, file))).toEqual([]);
  });
});
