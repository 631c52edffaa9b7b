// The delivery loop: every poll it runs one round of work (record, claim, send, finish: see outbox.ts) and
// goes again at once while a round found a full batch. It never runs on an API call's path; stop() waits for
// the round in progress, whose sends the caller aborts.

export class Dispatcher {
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private stopped = false;

  constructor(
    /** One round; resolves true when more work may be due at once. */
    private readonly work: () => Promise<boolean>,
    private readonly pollMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.round;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.round = this.run();
    }, ms);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    let more = false;
    try {
      more = await this.work();
    } catch (err) {
      this.onError(err);
    }
    this.round = undefined;
    this.schedule(more ? 0 : this.pollMs);
  }
}
