// Politeness per host, shared by every source crawled in this process: one lane per host:port
// whose slots bound the requests in flight and whose pacer spaces their starts. Two sources on
// one host share its lane, under the stricter of their settings (the longer interval, the
// fewer slots, the longer Crawl-delay). p-queue's own interval is a fixed window (two requests
// at the end and the start of adjacent windows can be closer than the interval), so the
// spacing is enforced here, from the moment each request was actually written. Retry-After
// and robots Crawl-delay hold back every request to the host.

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

/** Requests in flight to one host, at most `limit` (read at each acquisition: it may tighten). */
export class HostSlots {
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: () => number) {}

  get free(): boolean {
    return this.inFlight < this.limit();
  }

  async use<T>(fn: () => Promise<T>): Promise<T> {
    while (this.inFlight >= this.limit()) await new Promise<void>((r) => this.waiting.push(r));
    this.inFlight++;
    try {
      return await fn();
    } finally {
      this.inFlight--;
      this.waiting.shift()?.();
    }
  }
}

export interface LaneSettings {
  concurrencyPerHost: number;
  minIntervalMs: number;
}

export class HostLane {
  readonly pacer = new HostPacer(0);
  readonly slots = new HostSlots(() => this.concurrency);
  /** The settings of each source now crawling this host, and the Crawl-delay robots.txt asks. */
  private readonly leases = new Map<string, LaneSettings>();
  private crawlDelayMs = 0;
  concurrency = 1;

  constructor(readonly host: string) {}

  join(holder: string, settings: LaneSettings): void {
    this.leases.set(holder, settings);
    this.update();
  }

  leave(holder: string): void {
    this.leases.delete(holder);
    if (this.leases.size === 0) this.crawlDelayMs = 0;
    this.update();
  }

  /** robots.txt Crawl-delay, already capped by the caller. */
  setCrawlDelay(ms: number): void {
    this.crawlDelayMs = Math.max(this.crawlDelayMs, ms);
    this.update();
  }

  private update(): void {
    const all = [...this.leases.values()];
    if (all.length === 0) return;
    this.concurrency = Math.min(...all.map((s) => s.concurrencyPerHost));
    this.pacer.intervalMs = Math.max(this.crawlDelayMs, ...all.map((s) => s.minIntervalMs));
  }
}

/** Every host's lane in this process. */
export class HostLanes {
  private readonly lanes = new Map<string, HostLane>();

  /** Lanes are per host:port, the unit a server's capacity is shared by. */
  get(url: string): HostLane {
    const key = new URL(url).host;
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = new HostLane(key)));
    return lane;
  }

  /** The lanes as one source sees them: joining each host it touches with its settings. */
  lease(holder: string, settings: LaneSettings): SourceLanes {
    return new SourceLanes(this, holder, settings);
  }
}

/** The process-wide lanes every crawl shares. */
export const HOST_LANES = new HostLanes();

export class SourceLanes {
  private readonly joined = new Set<HostLane>();
  constructor(private readonly all: HostLanes, private readonly holder: string, private readonly settings: LaneSettings) {}

  lane(url: string): HostLane {
    const lane = this.all.get(url);
    if (!this.joined.has(lane)) { lane.join(this.holder, this.settings); this.joined.add(lane); }
    return lane;
  }

  release(): void {
    for (const lane of this.joined) lane.leave(this.holder);
    this.joined.clear();
  }
}
