/**
 * Full-text index maintenance, from code vs from triggers: `node bench/fts-code-vs-triggers.ts
 * [--messages 100000]`. Inserts the same messages (English and Chinese) into two databases whose
 * search index is kept either by Core's code (one prepared INSERT per document, text prepared
 * with indexableText() in JavaScript) or by an AFTER INSERT trigger, which must call back into
 * JavaScript for the same text preparation (CJK characters spaced into tokens). Prints rows/s and
 * the ratio.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Sqlite, { type Database } from 'better-sqlite3';
import { createRandom } from '../shared/demo/random.ts';
import { PHRASES, TOPICS } from '../shared/demo/phrases.ts';
import { indexableText } from '../shared/search/text.ts';

const SCHEMA = `
  CREATE TABLE messages (id INTEGER PRIMARY KEY, ticket_id TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE TABLE search_docs (doc_id INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref_id TEXT NOT NULL, ticket_id TEXT, at INTEGER NOT NULL);
  CREATE VIRTUAL TABLE search_index USING fts5(kind, title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');`;

const TRIGGER = `
  CREATE TRIGGER messages_fts AFTER INSERT ON messages BEGIN
    INSERT INTO search_docs (kind, ref_id, ticket_id, at) VALUES ('message', new.id, new.ticket_id, new.created_at);
    INSERT INTO search_index (rowid, kind, title, body) VALUES (last_insert_rowid(), 'message', '', indexable_text(new.body));
  END;`;

export interface FtsMaintenanceResult {
  messages: number;
  codeMs: number;
  triggerMs: number;
  /** triggerMs / codeMs: above 1, code is faster. */
  ratio: number;
}

function open(path: string): Database {
  const db = new Sqlite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  return db;
}

function sampleBodies(count: number): string[] {
  const random = createRandom(1);
  return Array.from({ length: count }, () => {
    const p = PHRASES[random.chance(0.25) ? 'zh-CN' : 'en'][random.pick(TOPICS)];
    return [random.pick(p.opening), random.pick(p.reply), random.pick(p.followUp)].join('\n\n');
  });
}

/** Inserts `messages` messages both ways in batches of 5,000 per transaction; returns the timings. */
export function measureFtsMaintenance(messages: number): FtsMaintenanceResult {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-fts-'));
  const bodies = sampleBodies(messages);
  try {
    const code = open(join(dir, 'code.db'));
    const insertMessage = code.prepare('INSERT INTO messages (ticket_id, body, created_at) VALUES (?, ?, ?)');
    const insertDoc = code.prepare("INSERT INTO search_docs (kind, ref_id, ticket_id, at) VALUES ('message', ?, ?, ?)");
    const insertText = code.prepare("INSERT INTO search_index (rowid, kind, title, body) VALUES (?, 'message', '', ?)");
    const codeMs = timeBatches(code, bodies, (body, i) => {
      const id = insertMessage.run(`t${i >> 3}`, body, i).lastInsertRowid;
      const docId = insertDoc.run(id, `t${i >> 3}`, i).lastInsertRowid;
      insertText.run(docId, indexableText(body));
    });
    code.close();

    const triggered = open(join(dir, 'trigger.db'));
    triggered.function('indexable_text', { deterministic: true }, (text: unknown) => indexableText(String(text)));
    triggered.exec(TRIGGER);
    const insertOnly = triggered.prepare('INSERT INTO messages (ticket_id, body, created_at) VALUES (?, ?, ?)');
    const triggerMs = timeBatches(triggered, bodies, (body, i) => {
      insertOnly.run(`t${i >> 3}`, body, i);
    });
    triggered.close();
    return { messages, codeMs, triggerMs, ratio: triggerMs / codeMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function timeBatches(db: Database, bodies: string[], insert: (body: string, i: number) => void): number {
  const start = performance.now();
  for (let from = 0; from < bodies.length; from += 5000) {
    db.transaction(() => {
      for (let i = from; i < Math.min(bodies.length, from + 5000); i++) insert(bodies[i] as string, i);
    })();
  }
  return performance.now() - start;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { messages: { type: 'string', default: '100000' } } });
  const r = measureFtsMaintenance(Number(values.messages));
  const rate = (ms: number) => Math.round((r.messages / ms) * 1000).toLocaleString('en');
  console.log(`${r.messages.toLocaleString('en')} messages, index kept from code:   ${r.codeMs.toFixed(0)} ms (${rate(r.codeMs)} rows/s)`);
  console.log(
    `${r.messages.toLocaleString('en')} messages, index kept by trigger:  ${r.triggerMs.toFixed(0)} ms (${rate(r.triggerMs)} rows/s)`,
  );
  console.log(`trigger / code: ${r.ratio.toFixed(2)}x`);
}
