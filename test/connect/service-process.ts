import { freePort, startProcess, waitUntil, type ManagedProcess } from '../harness/process.js';

export interface ServiceProcess {
  url: string;
  proc: ManagedProcess;
  /** Sum of a metric's samples whose labels contain every given `k="v"`. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  stop(): Promise<void>;
}

/** One of the binaries (cmd/<name>/main.ts) as its own process on a free port. */
export async function startService(name: 'api' | 'web' | 'bot', env: Record<string, string | undefined>): Promise<ServiceProcess> {
  const port = await freePort();
  const proc = startProcess(name, process.execPath, ['--import', 'tsx', `cmd/${name}/main.ts`], {
    env: { ...process.env, NODE_ENV: 'test', LOG_FORMAT: 'json', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: String(port), ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(proc, async () => (await fetch(`${url}/healthz`)).ok, 30_000);
  return {
    url,
    proc,
    async metric(metricName, labels = {}) {
      const text = await (await fetch(`${url}/metrics`)).text();
      let sum = 0;
      for (const line of text.split('\n')) {
        if (!line.startsWith(`${metricName}{`) && !line.startsWith(`${metricName} `)) continue;
        if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) sum += Number(line.split(' ').pop());
      }
      return sum;
    },
    stop: () => proc.stop(),
  };
}
