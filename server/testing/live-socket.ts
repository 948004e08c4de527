/** A test console's live socket (/sync/live): it records every frame the server sends. */
import WebSocket from 'ws';
import type { PresenceViewer, RowChange } from '../../shared/sync/protocol.ts';
import type { RunningServer } from '../app.ts';

/** A received frame, loosely typed: each test reads the fields of the frame type it expects. */
export interface Frame {
  type: string;
  base?: string;
  cursor?: string;
  changes?: RowChange[];
  ticketId?: string;
  viewers?: PresenceViewer[];
}

/** A socket that records frames and resolves waiters in order. */
export function connect(server: RunningServer) {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/sync/live`);
  const frames: Frame[] = [];
  let waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Frame);
    for (const w of waiters) w();
    waiters = [];
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const opened = new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('error', reject);
  });
  return {
    ws,
    frames,
    closed,
    opened,
    /** Resolves once `n` frames have arrived in total. */
    async frame(n: number): Promise<Frame> {
      while (frames.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
      return frames[n - 1] as Frame;
    },
    /** Resolves with the first frame (from the start) that satisfies `test`. */
    async frameWhere(test: (frame: Frame) => boolean): Promise<Frame> {
      for (let i = 0; ; i++) {
        while (frames.length <= i) await new Promise<void>((resolve) => waiters.push(resolve));
        const frame = frames[i] as Frame;
        if (test(frame)) return frame;
      }
    },
    auth(accessToken: string) {
      ws.send(JSON.stringify({ type: 'auth', accessToken }));
    },
    announce(ticketId: string | null, typing = false) {
      ws.send(JSON.stringify({ type: 'presence', ticketId, typing }));
    },
  };
}
