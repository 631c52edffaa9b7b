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
  private entries: RequestEntry[] = [];
  private seq = 0;

  constructor(
    private readonly format: LogFormat = "human",
    private readonly level: LogLevel = "info",
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + "\n"),
  ) {}

  record(entry: Omit<RequestEntry, "seq">): void {
    const full = { seq: ++this.seq, ...entry };
    this.entries.push(full);
    // Trimmed in batches: dropping the oldest entry on every call would move 10,000 entries per request.
    if (this.entries.length >= 2 * LIMIT) this.entries = this.entries.slice(-LIMIT);
    const level: LogLevel = entry.status >= 500 ? "error" : entry.status >= 400 ? "warn" : "info";
    if (LEVELS.indexOf(level) >= LEVELS.indexOf(this.level)) this.write(this.line(full));
  }

  list(filter: { operation?: string; protocol?: string; since?: number } = {}): RequestEntry[] {
    const newest = this.entries.length > LIMIT ? this.entries.slice(-LIMIT) : this.entries;
    return newest.filter(
      (e) =>
        (filter.operation === undefined || e.operation === filter.operation) &&
        (filter.protocol === undefined || e.protocol === filter.protocol) &&
        (filter.since === undefined || e.seq > filter.since),
    );
  }

  clear(): void {
    this.entries = [];
  }

  private line(e: RequestEntry): string {
    if (this.format === "json") return JSON.stringify(e);
    const extra = [e.error, e.fault && `fault ${e.fault}`].filter(Boolean).join(" ");
    return `${e.time} ${e.protocol} ${e.operation} ${e.accessKeyId ?? "-"} ${e.status} ${e.ms}ms${extra ? " " + extra : ""}`;
  }
}
