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
  /** Deliver notifications to their destinations (false: only record them, as GET /_emu/notifications shows). */
  notificationDelivery: boolean;
  /** SQS endpoint for every queue (e.g. a local moto_server); unset: the queue URL's (real AWS, default credential chain). */
  sqsEndpoint?: string;
  /** SNS endpoint for every topic; unset: real AWS in the topic ARN's region. */
  snsEndpoint?: string;
  /** smtp://host:port: Email-transport notifications are mailed there (they are kept in the outbox either way). */
  smtpUrl?: string;
  /** From address of those e-mails. */
  smtpFrom?: string;
  /** Delivery attempts per notification (default 5), and the wait before the first retry, doubling after each (default 4000 ms). */
  notificationAttempts?: number;
  notificationRetryMs?: number;
  /** How often the dispatcher looks for work (default 250 ms), and how long one send may take (default 10000 ms). */
  notificationPollMs?: number;
  notificationTimeoutMs?: number;
}

export const DEFAULT_CONFIG: Config = {
  port: 8443,
  host: "127.0.0.1",
  db: "mturk-emu.db",
  auth: true,
  controlFromAnywhere: false,
  logFormat: "human",
  logLevel: "info",
  notificationDelivery: true,
};
