import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { DEFAULT_CONFIG, type Config } from "../config";
import type { Emulator } from "../emulator";

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("must be a whole number from 0 to 65535.");
  return n;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a whole number of at least 1.");
  return n;
}

function httpUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) throw new InvalidArgumentError("must be an http(s) URL such as http://127.0.0.1:5000.");
  return value;
}

function fail(message: string): never {
  console.error(`mturk-emu: ${message}`);
  process.exit(1);
}

const oneOf =
  <T extends string>(...allowed: T[]) =>
  (value: string): T => {
    if (!allowed.includes(value as T)) throw new InvalidArgumentError(`must be one of: ${allowed.join(", ")}.`);
    return value as T;
  };

export function startCommand(): Command {
  return new Command("start")
    .description("run the emulator until interrupted")
    .addOption(new Option("--port <port>", "port to listen on (0 picks a free one)").env("MTURK_EMU_PORT").argParser(port).default(DEFAULT_CONFIG.port))
    .addOption(new Option("--host <host>", "address to listen on").env("MTURK_EMU_HOST").default(DEFAULT_CONFIG.host))
    .addOption(new Option("--db <path>", 'SQLite file, or ":memory:"').env("MTURK_EMU_DB").default(DEFAULT_CONFIG.db))
    .addOption(new Option("--credentials <file>", "credentials.csv, rootkey.csv or a JSON list of key pairs: more requester accounts").env("MTURK_EMU_CREDENTIALS"))
    .addOption(new Option("--auth <on|off>", "verify signatures (off: any access key is accepted)").env("MTURK_EMU_AUTH").argParser(oneOf("on", "off")).default("on"))
    .addOption(new Option("--control-from-anywhere", "let non-loopback clients use the /_emu control API").env("MTURK_EMU_CONTROL_FROM_ANYWHERE"))
    .addOption(new Option("--log-format <format>", "request log lines: human or json").env("MTURK_EMU_LOG_FORMAT").argParser(oneOf("human", "json")).default(DEFAULT_CONFIG.logFormat))
    .addOption(new Option("--log-level <level>", "debug, info, warn, error or silent").env("MTURK_EMU_LOG_LEVEL").argParser(oneOf("debug", "info", "warn", "error", "silent")).default(DEFAULT_CONFIG.logLevel))
    .addOption(new Option("--seed <file>", "load a fixture document (JSON or YAML) at start").env("MTURK_EMU_SEED"))
    .addOption(new Option("--tls <mode>", '"self-signed": serve HTTPS with a local CA made once in --data-dir (drop-in mode)').env("MTURK_EMU_TLS").argParser(oneOf("self-signed")))
    .addOption(new Option("--tls-cert <file>", "serve HTTPS with this PEM certificate (with --tls-key)").env("MTURK_EMU_TLS_CERT"))
    .addOption(new Option("--tls-key <file>", "the PEM private key of --tls-cert").env("MTURK_EMU_TLS_KEY"))
    .addOption(new Option("--data-dir <dir>", "where --tls self-signed keeps its CA and certificate").env("MTURK_EMU_DATA_DIR").default("."))
    .addOption(new Option("--notifications <mode>", "deliver: send notifications to their destinations; record: only list them").env("MTURK_EMU_NOTIFICATIONS").argParser(oneOf("deliver", "record")).default("deliver"))
    .addOption(new Option("--sqs-endpoint <url>", "SQS endpoint for every queue (e.g. a local moto_server); default: the queue URL's, real AWS").env("MTURK_EMU_SQS_ENDPOINT").argParser(httpUrl))
    .addOption(new Option("--sns-endpoint <url>", "SNS endpoint for every topic; default: real AWS in the topic's region").env("MTURK_EMU_SNS_ENDPOINT").argParser(httpUrl))
    .addOption(new Option("--smtp-url <url>", "smtp://host:port: mail Email-transport notifications there").env("MTURK_EMU_SMTP_URL"))
    .addOption(new Option("--smtp-from <address>", "From address of those e-mails").env("MTURK_EMU_SMTP_FROM"))
    .addOption(new Option("--notification-attempts <n>", "delivery attempts per notification").env("MTURK_EMU_NOTIFICATION_ATTEMPTS").argParser(positive).default(5))
    .addOption(new Option("--notification-retry-ms <ms>", "wait before the first retry, doubling after each").env("MTURK_EMU_NOTIFICATION_RETRY_MS").argParser(positive).default(4000))
    .addOption(new Option("--print-config", "print the resolved configuration as JSON and exit"))
    .addHelpText("after", "\nExamples:\n  $ mturk-emu start\n  $ mturk-emu start --port 0 --db :memory: --seed fixtures/image-tagging.json")
    .action(async (options) => {
      const config: Config = {
        port: options.port,
        host: options.host,
        db: options.db,
        credentialsFile: options.credentials,
        auth: options.auth === "on",
        controlFromAnywhere: Boolean(options.controlFromAnywhere),
        logFormat: options.logFormat,
        logLevel: options.logLevel,
        notificationDelivery: options.notifications === "deliver",
        sqsEndpoint: options.sqsEndpoint,
        snsEndpoint: options.snsEndpoint,
        smtpUrl: options.smtpUrl,
        smtpFrom: options.smtpFrom,
        notificationAttempts: options.notificationAttempts,
        notificationRetryMs: options.notificationRetryMs,
      };
      if (options.smtpUrl && !/^smtps?:\/\/[^/]/.test(options.smtpUrl)) fail("--smtp-url must look like smtp://host:port (or smtps://).");
      if (Boolean(options.tlsCert) !== Boolean(options.tlsKey)) fail("--tls-cert and --tls-key go together.");
      if (options.tls && options.tlsCert) fail("give either --tls self-signed or --tls-cert/--tls-key, not both.");
      if (options.tlsCert) config.tls = { certPath: options.tlsCert, keyPath: options.tlsKey };
      let caCertPath: string | undefined;
      if (options.tls === "self-signed" && !options.printConfig) {
        const { ensureSelfSigned } = await import("../tls/self-signed");
        const files = ensureSelfSigned(options.dataDir);
        config.tls = files;
        caCertPath = files.caCertPath;
      }
      if (options.printConfig) {
        console.log(JSON.stringify({ ...config, seed: options.seed }, null, 2));
        return;
      }
      let emu: Emulator;
      try {
        // Loaded here so the other subcommands start without the whole emulator.
        const { Emulator } = await import("../emulator");
        emu = new Emulator(config);
        if (options.seed) emu.seed(readFileSync(options.seed, "utf8"));
        await emu.listen();
      } catch (err) {
        console.error(`mturk-emu: ${(err as Error).message}`);
        process.exit(1);
      }
      console.log(`mturk-emu listening on ${emu.url}`);
      if (caCertPath) console.log(`mturk-emu: trust this CA for drop-in mode: ${resolve(caCertPath)}`);
      const stop = () => void emu.close().then(() => process.exit(0));
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
