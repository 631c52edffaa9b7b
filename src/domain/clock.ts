// The emulator's one clock. Every deadline (expiry, abandonment, auto-approval) is read from it,
// so tests can move time instead of waiting. Times are epoch milliseconds.

export interface ClockState {
  now: number;
  frozen: boolean;
}

/** The clock's settings, to put back with a snapshot. */
export interface ClockSnapshot {
  offsetMs: number;
  frozenAt?: number;
}

export class Clock {
  private offsetMs = 0;
  private frozenAt: number | undefined;

  constructor(private readonly wall: () => number = Date.now) {}

  now(): number {
    return this.frozenAt ?? this.wall() + this.offsetMs;
  }

  state(): ClockState {
    return { now: this.now(), frozen: this.frozenAt !== undefined };
  }

  advance(ms: number): void {
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offsetMs += ms;
  }

  set(epochMs: number): void {
    if (this.frozenAt !== undefined) this.frozenAt = epochMs;
    else this.offsetMs = epochMs - this.wall();
  }

  freeze(frozen: boolean): void {
    if (frozen && this.frozenAt === undefined) this.frozenAt = this.now();
    if (!frozen && this.frozenAt !== undefined) {
      this.offsetMs = this.frozenAt - this.wall();
      this.frozenAt = undefined;
    }
  }

  save(): ClockSnapshot {
    return { offsetMs: this.offsetMs, frozenAt: this.frozenAt };
  }

  load(snapshot: ClockSnapshot): void {
    this.offsetMs = snapshot.offsetMs;
    this.frozenAt = snapshot.frozenAt;
  }

  /** Back to wall time, as after a reset. */
  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = undefined;
  }
}
