import type { LogFormat, LogLevel } from "./harness/request-log";

// One typed configuration: defaults, then environment variables, then flags.

export interface Config {
  port: number;
  host: string;
  /** SQLite file, or ":memory:". */
  db: string;
  credentialsFile?: string;
  /** When false, any access key is accepted unverified. */
  auth: boolean;
  /** Let clients other than loopback use the control API. */
  controlFromAnywhere: boolean;
  logFormat: LogFormat;
  logLevel: LogLevel;
  /** Serve HTTPS with this PEM certificate and key instead of HTTP. */
  tls?: { certPath: string; keyPath: string };
}

export const DEFAULT_CONFIG: Config = {
  port: 8443,
  host: "127.0.0.1",
  db: "mturk-emu.db",
  auth: true,
  controlFromAnywhere: false,
  logFormat: "human",
  logLevel: "info",
};
