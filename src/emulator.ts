// One emulator: its store, clock, domain, accounts and HTTP server.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type express from "express";
import { createApp } from "./app";
import type { Config } from "./config";
import { Clock } from "./domain/clock";
import { Domain } from "./domain/domain";
import { Accounts, DEFAULT_CREDENTIALS } from "./protocols/auth/accounts";
import { loadCredentialsFile } from "./protocols/auth/credentials-file";
import { SqliteStore } from "./store/sqlite-store";

export class Emulator {
  readonly store: SqliteStore;
  readonly domain: Domain;
  readonly accounts: Accounts;
  readonly app: express.Express;
  private server?: Server;

  /** Throws an Error with a one-line reason when the database or the credentials file is unusable. */
  constructor(readonly config: Config) {
    const pairs = config.credentialsFile ? loadCredentialsFile(config.credentialsFile) : [];
    try {
      this.store = new SqliteStore(config.db);
    } catch (err) {
      throw new Error(`cannot open the database ${config.db}: ${(err as Error).message}`);
    }
    const clock = new Clock();
    this.domain = new Domain(this.store, clock);
    this.accounts = new Accounts(this.store, config.auth, () => clock.now());
    this.accounts.register([DEFAULT_CREDENTIALS, ...pairs]);
    this.app = createApp(this);
  }

  /** Starts listening; resolves with the URL clients should use. */
  listen(): Promise<string> {
    return new Promise((resolve, reject) => {
      const server = this.app.listen(this.config.port, this.config.host);
      server.once("error", (err: NodeJS.ErrnoException) => {
        const where = `${this.config.host}:${this.config.port}`;
        reject(new Error(err.code === "EADDRINUSE" ? `port ${where} is already in use` : `cannot listen on ${where}: ${err.message}`));
      });
      server.once("listening", () => {
        this.server = server;
        resolve(this.url);
      });
    });
  }

  get port(): number {
    return (this.server?.address() as AddressInfo).port;
  }

  get url(): string {
    const host = this.config.host.includes(":") ? `[${this.config.host}]` : this.config.host;
    return `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${this.port}`;
  }

  /** Empties the state; accounts and credentials stay. */
  reset(): void {
    this.store.reset();
    this.domain.clock.reset();
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    this.store.close();
  }
}
