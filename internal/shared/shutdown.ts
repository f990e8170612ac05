import type { Server } from 'node:http';
import type { Logger } from './logger.js';
import type { Health } from './health.js';

export type Closer = () => Promise<void> | void;

/**
 * Graceful shutdown: readiness turns false, servers stop accepting, in-flight requests
 * drain until a deadline (then their sockets are destroyed), clients close in reverse
 * order of registration (apps before the store they use), and the process exits 0.
 */
export class Shutdown {
  private readonly servers: Server[] = [];
  private readonly closers: { name: string; close: Closer }[] = [];
  private readonly beforeServers: { name: string; close: Closer }[] = [];
  private started: Promise<void> | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly opts: { timeoutMs: number; health?: Health; exit?: (code: number) => void } = { timeoutMs: 10_000 },
  ) {}

  addServer(server: Server): void {
    trackIdleSockets(server);
    this.servers.push(server);
  }

  addCloser(name: string, close: Closer): void {
    this.closers.push({ name, close });
  }

  /** Runs before the servers stop taking requests: long-lived sockets (WebSocket) told to go first, or the drain would wait for them. */
  addBeforeServers(name: string, close: Closer): void {
    this.beforeServers.push({ name, close });
  }

  /** Installs SIGTERM/SIGINT handlers that run `shutdown` once. */
  installSignalHandlers(): void {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        this.logger.info('signal received, shutting down', { signal });
        void this.run().then(() => (this.opts.exit ?? process.exit)(0));
      });
    }
  }

  run(): Promise<void> {
    this.started ??= this.drain();
    return this.started;
  }

  private async drain(): Promise<void> {
    this.opts.health?.markShuttingDown();
    for (const { name, close } of this.beforeServers) {
      try {
        await close();
      } catch (err) {
        this.logger.warn('closing before the servers failed', { client: name, err });
      }
    }
    const deadline = setTimeout(() => {
      this.logger.warn('drain deadline reached, closing remaining connections');
      for (const server of this.servers) server.closeAllConnections();
    }, this.opts.timeoutMs);
    deadline.unref();
    await Promise.all(this.servers.map((server) => closeServer(server)));
    clearTimeout(deadline);
    for (const { name, close } of [...this.closers].reverse()) {
      try {
        await close();
      } catch (err) {
        this.logger.warn('closing a client failed', { client: name, err });
      }
    }
    this.logger.info('shutdown complete');
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Keep-alive sockets with no request in flight would hold close() open until they time out.
    server.closeIdleConnections();
  });
}

/** Closes keep-alive sockets as soon as their current response ends once draining began. */
function trackIdleSockets(server: Server): void {
  server.on('request', (_req, res) => {
    res.on('finish', () => {
      if (!server.listening) res.socket?.end();
    });
  });
}
