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
 * Added to every interval: what the server measures is arrival times, and its own scheduling
 * (a busy event loop logs a request late, so the next one looks early: 10–15 ms measured on
 * a loaded 2-core machine) must not bring two requests under the interval. 2 % of the default
 * interval.
 */
export const PACING_MARGIN_MS = 20;

/** One request's turn: say when it was written (or that it never will be). */
export interface PacerTicket {
  /** The request was written now: the next one waits the interval from here. */
  sent(): void;
  /** Done with the turn (idempotent; after sent(), or when the request failed before it was written). */
  release(): void;
}

export class HostPacer {
  /** performance.now() before which no request may be released. */
  private earliest = 0;
  private turn: Promise<void> = Promise.resolve();
  constructor(public intervalMs: number) {}

  private get spacing(): number {
    return this.intervalMs > 0 ? this.intervalMs + PACING_MARGIN_MS : 0;
  }

  /**
   * Waits for this request's turn: one at a time, each at least the interval after the last
   * one was actually written. The next turn starts only when this one is sent or released: a
   * request still connecting when the interval ran out would otherwise reach the server
   * closer to the next one than the interval.
   */
  acquire(signal?: AbortSignal): Promise<PacerTicket> {
    let markDone!: () => void;
    const done = new Promise<void>((r) => { markDone = r; });
    const ready = this.turn.then(async () => {
      // Re-checked after each sleep: a Retry-After meanwhile (holdFor) may have moved `earliest`.
      for (let left = this.earliest - performance.now(); left > 0 && !signal?.aborted; left = this.earliest - performance.now()) {
        await sleep(Math.ceil(left), signal);
      }
    });
    this.turn = ready.then(() => done);
    return ready.then(() => ({
      sent: () => { this.earliest = Math.max(this.earliest, performance.now() + this.spacing); markDone(); },
      release: () => markDone(),
    }));
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
