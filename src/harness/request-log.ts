// What clients actually sent: one entry per API call, kept in memory (the newest LIMIT), and one log
// line per call on the console.

export interface RequestEntry {
  seq: number;
  /** Wall-clock time the call arrived, ISO 8601. */
  time: string;
  protocol: string;
  operation: string;
  accessKeyId?: string;
  status: number;
  /** The error's type when the call failed. */
  error?: string;
  /** The fault rule that affected the call, if any. */
  fault?: string;
  ms: number;
}

export type LogFormat = "human" | "json";
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

const LEVELS: LogLevel[] = ["debug", "info", "warn", "error", "silent"];
const LIMIT = 10_000;

export class RequestLog {
  // A ring of the newest LIMIT entries: recording is O(1) and at most LIMIT entries are ever kept.
  private ring: Array<RequestEntry | undefined> = new Array(LIMIT);
  private recorded = 0;
  private seq = 0;

  constructor(
    private readonly format: LogFormat = "human",
    private readonly level: LogLevel = "info",
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + "\n"),
  ) {}

  record(entry: Omit<RequestEntry, "seq">): void {
    const full = { seq: ++this.seq, ...entry };
    this.ring[this.recorded++ % LIMIT] = full;
    const level: LogLevel = entry.status >= 500 ? "error" : entry.status >= 400 ? "warn" : "info";
    if (LEVELS.indexOf(level) >= LEVELS.indexOf(this.level)) this.write(this.line(full));
  }

  list(filter: { operation?: string; protocol?: string; since?: number } = {}): RequestEntry[] {
    const newest: RequestEntry[] = [];
    for (let i = Math.max(0, this.recorded - LIMIT); i < this.recorded; i++) newest.push(this.ring[i % LIMIT]!);
    return newest.filter(
      (e) =>
        (filter.operation === undefined || e.operation === filter.operation) &&
        (filter.protocol === undefined || e.protocol === filter.protocol) &&
        (filter.since === undefined || e.seq > filter.since),
    );
  }

  clear(): void {
    this.ring = new Array(LIMIT);
    this.recorded = 0;
  }

  private line(e: RequestEntry): string {
    if (this.format === "json") return JSON.stringify(e);
    const extra = [e.error, e.fault && `fault ${e.fault}`].filter(Boolean).join(" ");
    return `${e.time} ${e.protocol} ${e.operation} ${e.accessKeyId ?? "-"} ${e.status} ${e.ms}ms${extra ? " " + extra : ""}`;
  }
}
