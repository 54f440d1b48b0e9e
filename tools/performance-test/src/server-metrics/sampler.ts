import { nowMs } from '../pool';
import { parsePrometheus, pick, type PromSample } from './prometheus';

/** One scrape of one instance's GET /metrics; null where the metric was missing. */
export interface ServerSample {
  /** When the scrape was answered, ms since the epoch. */
  atMs: number;
  /** process_resident_memory_bytes, in MB. */
  rssMb: number | null;
  /** nodejs_heap_size_used_bytes, in MB. */
  heapUsedMb: number | null;
  /** nodejs_eventloop_lag_p99_seconds in ms: prom-client resets it on every scrape, so p99 since the previous. */
  lagP99Ms: number | null;
  /** messenger_socket_connections. */
  sockets: number | null;
}

export interface InstanceSamples {
  url: string;
  samples: ServerSample[];
  scrapes: number;
  errors: number;
  lastError?: string;
}

const MB = 2 ** 20;
const scaled = (value: number | undefined, factor: number) =>
  value === undefined || !Number.isFinite(value) ? null : Math.round((value / factor) * 100) / 100;

/** The four figures a soak watches, out of one parsed scrape. */
export function readSample(samples: PromSample[], atMs: number): ServerSample {
  return {
    atMs,
    rssMb: scaled(pick(samples, 'process_resident_memory_bytes'), MB),
    heapUsedMb: scaled(pick(samples, 'nodejs_heap_size_used_bytes'), MB),
    lagP99Ms: scaled(pick(samples, 'nodejs_eventloop_lag_p99_seconds'), 1e-3),
    sockets: scaled(pick(samples, 'messenger_socket_connections'), 1),
  };
}

/** The instances to scrape: the target and every socket target, each once. */
export const metricsTargets = (config: { target: string; socketTargets: string[] }) => [
  ...new Set([config.target, ...config.socketTargets]),
];

/**
 * --server-metrics: scrapes `<url>/metrics` of every instance now, then every `everySeconds`, and once more on
 * stop. A failed or malformed scrape is counted (and reported), never fatal to the load test; a scrape still in
 * flight when the next is due is not doubled.
 */
export function sampleServers(urls: string[], everySeconds: number) {
  const instances: InstanceSamples[] = urls.map((url) => ({ url, samples: [], scrapes: 0, errors: 0 }));
  const inFlight = new Map<InstanceSamples, Promise<void>>();
  const timeoutMs = Math.max(2_000, Math.min(10_000, everySeconds * 1000));
  const scrape = (instance: InstanceSamples): Promise<void> => {
    const running = inFlight.get(instance);
    if (running) return running;
    instance.scrapes++;
    const done = (async () => {
      try {
        const response = await fetch(`${instance.url}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
        if (!response.ok) throw new Error(`GET /metrics → ${response.status}`);
        instance.samples.push(readSample(parsePrometheus(await response.text()), nowMs()));
      } catch (error) {
        instance.errors++;
        instance.lastError = error instanceof Error ? error.message : String(error);
      } finally {
        inFlight.delete(instance);
      }
    })();
    inFlight.set(instance, done);
    return done;
  };
  const scrapeAll = () => Promise.all(instances.map(scrape));
  void scrapeAll();
  const timer = setInterval(() => void scrapeAll(), everySeconds * 1000);
  return {
    /** Takes the last sample and returns every instance's series. */
    async stop(): Promise<InstanceSamples[]> {
      clearInterval(timer);
      await Promise.all(inFlight.values());
      await scrapeAll();
      return instances;
    },
  };
}
