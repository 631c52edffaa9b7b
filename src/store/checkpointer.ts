// Checkpoints a WAL database from a worker thread with a connection of its own. SQLite's automatic checkpoint
// runs inside whichever COMMIT crosses the threshold: that request copies ~1000 pages back into the database
// file and waits for two fsyncs. Here the copy happens beside the request path instead. PASSIVE checkpoints
// never block the writer or readers, and SQLite starts the WAL over once a checkpoint has caught up.
//
// The worker starts only once the WAL has grown (a read-only session never pays for it), and the main
// connection keeps a much larger automatic checkpoint as a fallback should the worker be unavailable.
import { statSync } from "node:fs";
import { Worker } from "node:worker_threads";

/** The main connection's own automatic checkpoint, in pages, while the worker does the work. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;
/** SQLite's default, restored if the worker cannot run. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;
/** How often (in transactions) the WAL's size is looked at. */
const CHECK_EVERY = 128;
/** A checkpoint is asked for once the WAL holds about this much: SQLite's default threshold. */
const WAL_BYTES = DEFAULT_AUTOCHECKPOINT_PAGES * 4096;

// Runs as CommonJS in the worker; `driver` is better-sqlite3's resolved path (the worker's own resolution
// would start from the current directory, which may be anywhere).
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
parentPort.on("message", (message) => {
  if (message === "checkpoint") {
    try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {}
    return;
  }
  try { db.close(); } catch {}
  Atomics.store(workerData.closed, 0, 1);
  Atomics.notify(workerData.closed, 0);
  parentPort.close();
});
`;

export class Checkpointer {
  private worker?: Worker;
  private failed = false;
  private transactions = 0;
  private readonly closed = new Int32Array(new SharedArrayBuffer(4));

  /** `onFailure` puts the main connection's automatic checkpoint back to SQLite's default. */
  constructor(
    private readonly path: string,
    private readonly onFailure: (pages: number) => void,
  ) {}

  /** Called after each transaction: now and then, looks at the WAL and has it checkpointed when it has grown. */
  afterTransaction(): void {
    if (this.failed || ++this.transactions % CHECK_EVERY !== 0) return;
    let walBytes = 0;
    try {
      walBytes = statSync(`${this.path}-wal`).size;
    } catch {
      return; // no WAL file (yet)
    }
    if (walBytes < WAL_BYTES) return;
    try {
      this.worker ??= this.start();
      this.worker.postMessage("checkpoint");
    } catch {
      this.fail();
    }
  }

  /** Closes the worker's connection before the main one closes, so the last close can remove the WAL. */
  close(): void {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker || this.failed) return;
    worker.postMessage("close");
    Atomics.wait(this.closed, 0, 0, 2000);
    void worker.terminate();
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path: this.path, driver: require.resolve("better-sqlite3"), closed: this.closed },
    });
    worker.unref();
    worker.on("error", () => this.fail());
    worker.on("exit", () => {
      if (this.worker === worker) this.fail();
    });
    return worker;
  }

  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    this.worker = undefined;
    this.onFailure(DEFAULT_AUTOCHECKPOINT_PAGES);
  }
}
