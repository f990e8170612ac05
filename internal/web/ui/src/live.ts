// The live feed of one group: a WebSocket to /web/v1/events that reconnects with backoff and
// resumes from the last event it saw, so a dropped connection loses nothing it was owed.

export interface LiveEntry {
  id: string;
  event_type: string;
  message: string;
  actor_id: number | null;
  timestamp: string;
  data?: Record<string, unknown>;
}

export interface LiveHandlers {
  onEntry(entry: LiveEntry): void;
  onDenied(message: string): void;
  /** More was missed than the server replays: the page reloads its list. */
  onReload(): void;
  onState(state: 'connecting' | 'live' | 'offline'): void;
  /** The group's day counters moved (a stats tick): charts reload their numbers. */
  onStats?(): void;
}

import { refresh } from './api.js';

export function watchGroup(groupId: number, h: LiveHandlers): () => void {
  let socket: WebSocket | undefined;
  let lastId: string | undefined;
  let attempt = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    h.onState('connecting');
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/web/v1/events`;
    const ws = new WebSocket(url);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      ws.send(JSON.stringify({ type: 'subscribe', group_id: groupId, ...(lastId ? { since: lastId } : {}) }));
    };
    ws.onmessage = (e: MessageEvent<string>) => {
      const msg = JSON.parse(e.data) as {
        type: string;
        group_id?: number;
        message?: string;
        event?: { type: 'audit'; id: string; group_id: number; entry: LiveEntry } | { type: 'stats'; group_id: number };
      };
      if (msg.type === 'subscribed') {
        attempt = 0;
        h.onState('live');
      } else if (msg.type === 'event' && msg.event?.type === 'stats' && msg.event.group_id === groupId) {
        h.onStats?.();
      } else if (msg.type === 'event' && msg.event?.type === 'audit' && msg.event.group_id === groupId) {
        // Only audit entries are replayed on resume, so only their ids say where to resume from.
        lastId = msg.event.id;
        h.onEntry(msg.event.entry);
      } else if (msg.type === 'denied') {
        stopped = true;
        h.onDenied(msg.message ?? '');
        ws.close();
      } else if (msg.type === 'reload') {
        h.onReload();
      }
    };
    ws.onclose = (e: CloseEvent) => {
      if (stopped) return;
      if (e.code === 4001) {
        stopped = true;
        return h.onDenied(e.reason);
      }
      h.onState('offline');
      // 1 s, 2 s, 4 s ... up to 30 s, with jitter so a restarted server is not met by everyone at once.
      const delay = Math.min(30_000, 1000 * 2 ** attempt++) * (0.5 + Math.random() / 2);
      // Refused before it opened: most often the 15-minute access token has expired; refresh it first.
      const before = opened ? Promise.resolve(true) : refresh();
      void before.then(() => (timer = setTimeout(connect, delay)));
    };
  };
  connect();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    socket?.close();
  };
}
