// Politeness per host: a p-queue bounds the requests in flight to one host, and a pacer spaces
// their starts by at least the minimum interval. p-queue's own interval is a fixed window (two
// requests at the end and the start of adjacent windows can be closer than the interval), so the
// spacing is enforced here, from the moment each request was actually written. Retry-After and
// robots Crawl-delay hold back every request to the host.
import PQueue from "p-queue";

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() { clearTimeout(t); signal?.removeEventListener("abort", done); resolve(); }
    signal?.addEventListener("abort", done);
  });

/**
 * Added to every interval: what the server measures is arrival times, and a few ms of jitter
 * between our send and its receipt must not bring two requests under the interval.
 */
export const PACING_MARGIN_MS = 5;

export class HostPacer {
  /** performance.now() before which no request may be released. */
  private earliest = 0;
  private turn: Promise<void> = Promise.resolve();
  constructor(public intervalMs: number) {}

  private get spacing(): number {
    return this.intervalMs > 0 ? this.intervalMs + PACING_MARGIN_MS : 0;
  }

  /** Waits for this request's turn: one release at a time, each at least the interval after the last send. */
  wait(signal?: AbortSignal): Promise<void> {
    const mine = this.turn.then(async () => {
      // Re-checked after each sleep: a send reported meanwhile (sent()) may have moved `earliest`.
      for (let left = this.earliest - performance.now(); left > 0 && !signal?.aborted; left = this.earliest - performance.now()) {
        await sleep(Math.ceil(left), signal);
      }
      this.earliest = performance.now() + this.spacing;
    });
    this.turn = mine;
    return mine;
  }

  /** The request released last was actually written now: the next one waits from here. */
  sent(): void {
    this.earliest = Math.max(this.earliest, performance.now() + this.spacing);
  }

  /** No request to this host for `ms` from now (Retry-After). */
  holdFor(ms: number): void {
    this.earliest = Math.max(this.earliest, performance.now() + ms);
  }
}

export interface HostLane {
  queue: PQueue;
  pacer: HostPacer;
}

export class HostLanes {
  private readonly lanes = new Map<string, HostLane>();
  constructor(private readonly concurrency: number, private readonly intervalMs: number) {}

  /** Lanes are per host:port, the unit a server's capacity is shared by. */
  lane(url: string): HostLane {
    const key = new URL(url).host;
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { queue: new PQueue({ concurrency: this.concurrency }), pacer: new HostPacer(this.intervalMs) };
      this.lanes.set(key, lane);
    }
    return lane;
  }

  async onIdle(): Promise<void> {
    // A task may add work to another lane, so wait until a full pass finds every lane idle.
    for (;;) {
      await Promise.all([...this.lanes.values()].map((l) => l.queue.onIdle()));
      if ([...this.lanes.values()].every((l) => l.queue.size === 0 && l.queue.pending === 0)) return;
    }
  }

  clear(): void {
    for (const l of this.lanes.values()) l.queue.clear();
  }
}
