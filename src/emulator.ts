// One emulator: its store, clock, domain, accounts and HTTP server.
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type express from "express";
import { createApp, createRequestListener } from "./app";
import type { Config } from "./config";
import { Clock, type ClockSnapshot } from "./domain/clock";
import { Domain } from "./domain/domain";
import { Faults } from "./harness/faults";
import { loadFixture, parseFixture, type SeedResult } from "./harness/fixtures/load";
import { RequestLog } from "./harness/request-log";
import { NotificationService } from "./notifications";
import { Accounts, DEFAULT_CREDENTIALS } from "./protocols/auth/accounts";
import { loadCredentialsFile } from "./protocols/auth/credentials-file";
import type { TableRows } from "./store/snapshot";
import { SqliteStore } from "./store/sqlite-store";

export class Emulator {
  readonly store: SqliteStore;
  readonly domain: Domain;
  readonly accounts: Accounts;
  private expressApp?: express.Express;
  readonly faults = new Faults();
  readonly requestLog: RequestLog;
  /** Notification delivery: its dispatcher runs from listen() to close(). */
  readonly notifications: NotificationService;
  private server?: Server;
  private readonly snapshots = new Map<string, { tables: TableRows; clock: ClockSnapshot }>();

  /** Throws an Error with a one-line reason when the database or the credentials file is unusable. */
  constructor(readonly config: Config) {
    const pairs = config.credentialsFile ? loadCredentialsFile(config.credentialsFile) : [];
    try {
      this.store = new SqliteStore(config.db);
    } catch (err) {
      throw new Error(`cannot open the database ${config.db}: ${(err as Error).message}`);
    }
    this.requestLog = new RequestLog(config.logFormat, config.logLevel);
    const clock = new Clock();
    this.domain = new Domain(this.store, clock);
    this.accounts = new Accounts(this.store, config.auth, () => clock.now());
    this.accounts.register([DEFAULT_CREDENTIALS, ...pairs]);
    this.notifications = new NotificationService({ store: this.store, domain: this.domain, config });
  }

  /** The Express app: built, and Express loaded, by the first request the server's fast paths leave to it. */
  get app(): express.Express {
    return (this.expressApp ??= createApp(this));
  }

  /** Starts listening; resolves with the URL clients should use. */
  listen(): Promise<string> {
    return new Promise((resolve, reject) => {
      const tls = this.config.tls;
      const server = tls
        ? createHttpsServer({ cert: readFileSync(tls.certPath), key: readFileSync(tls.keyPath) }, createRequestListener(this))
        : createHttpServer(createRequestListener(this));
      server.listen(this.config.port, this.config.host);
      server.once("error", (err: NodeJS.ErrnoException) => {
        const where = `${this.config.host}:${this.config.port}`;
        reject(new Error(err.code === "EADDRINUSE" ? `port ${where} is already in use` : `cannot listen on ${where}: ${err.message}`));
      });
      server.once("listening", () => {
        this.server = server;
        this.notifications.start();
        resolve(this.url);
      });
    });
  }

  get port(): number {
    return (this.server?.address() as AddressInfo).port;
  }

  get url(): string {
    const host = this.config.host.includes(":") ? `[${this.config.host}]` : this.config.host;
    return `${this.config.tls ? "https" : "http"}://${host === "0.0.0.0" ? "127.0.0.1" : host}:${this.port}`;
  }

  /** Empties the state; accounts and credentials stay. */
  reset(): void {
    this.store.reset();
    this.domain.clock.reset();
  }

  /** Loads a fixture (JSON or YAML text, or an object); all or nothing. Throws FixtureError naming the path. */
  seed(fixture: string | object): SeedResult {
    return loadFixture(this.domain, this.accounts, typeof fixture === "string" ? parseFixture(fixture) : fixture);
  }

  /** Remembers the whole state (and the clock) under a name, in memory. */
  snapshot(name: string): { name: string; tables: Record<string, number> } {
    const tables = this.store.snapshot();
    this.snapshots.set(name, { tables, clock: this.domain.clock.save() });
    return { name, tables: Object.fromEntries(Object.entries(tables).map(([table, rows]) => [table, rows.length])) };
  }

  /** Puts back a named snapshot; false when there is none by that name. */
  restore(name: string): boolean {
    const snapshot = this.snapshots.get(name);
    if (!snapshot) return false;
    this.store.restore(snapshot.tables);
    this.domain.clock.load(snapshot.clock);
    return true;
  }

  /** Everything, for a look from outside: the clock, each account's rows, and the rows no account owns. */
  state() {
    const { shared, byRequester } = this.store.dump();
    const accounts = this.accounts.list().map(({ secretAccessKey: _secret, ...account }) => ({
      ...account,
      tables: byRequester.get(account.requesterId) ?? {},
    }));
    return { clock: this.domain.clock.state(), accounts, shared };
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await this.notifications.stop();
    this.store.close();
  }
}
