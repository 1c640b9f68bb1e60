// Politeness per host: a p-queue bounds the requests in flight to one host, and a pacer spaces
// their starts by at least the minimum interval. p-queue's own interval is a fixed window (two
// requests at the end and the start of adjacent windows can be closer than the interval), so the
// spacing is enforced here: each request reserves the next free slot. Retry-After and robots
// Crawl-delay push a host's slots back for every request to it.
import PQueue from "p-queue";

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() { clearTimeout(t); signal?.removeEventListener("abort", done); resolve(); }
    signal?.addEventListener("abort", done);
  });

export class HostPacer {
  private nextSlot = 0;
  constructor(public intervalMs: number) {}

  /** Waits for this request's slot; slots are at least intervalMs apart. */
  async wait(signal?: AbortSignal): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    await sleep(slot - now, signal);
  }

  /** No request to this host before `time` (ms epoch), e.g. from Retry-After. */
  holdUntil(time: number): void {
    this.nextSlot = Math.max(this.nextSlot, time);
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
