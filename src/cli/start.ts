import { Command, InvalidArgumentError, Option } from "commander";
import { DEFAULT_CONFIG, type Config } from "../config";
import { Emulator } from "../emulator";

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("must be a whole number from 0 to 65535.");
  return n;
}

function onOff(value: string): boolean {
  if (value !== "on" && value !== "off") throw new InvalidArgumentError('must be "on" or "off".');
  return value === "on";
}

export function startCommand(): Command {
  return new Command("start")
    .description("run the emulator until interrupted")
    .addOption(new Option("--port <port>", "port to listen on (0 picks a free one)").env("MTURK_EMU_PORT").argParser(port).default(DEFAULT_CONFIG.port))
    .addOption(new Option("--host <host>", "address to listen on").env("MTURK_EMU_HOST").default(DEFAULT_CONFIG.host))
    .addOption(new Option("--db <path>", 'SQLite file, or ":memory:"').env("MTURK_EMU_DB").default(DEFAULT_CONFIG.db))
    .addOption(new Option("--credentials <file>", "credentials.csv, rootkey.csv or a JSON list of key pairs: more requester accounts").env("MTURK_EMU_CREDENTIALS"))
    .addOption(new Option("--auth <on|off>", "verify signatures (off: any access key is accepted)").env("MTURK_EMU_AUTH").argParser(onOff).default(true, "on"))
    .addOption(new Option("--control-from-anywhere", "let non-loopback clients use the /_emu control API").env("MTURK_EMU_CONTROL_FROM_ANYWHERE"))
    .addHelpText("after", "\nExample:\n  $ mturk-emu start --port 0 --db :memory:")
    .action(async (options) => {
      const config: Config = {
        port: options.port,
        host: options.host,
        db: options.db,
        credentialsFile: options.credentials,
        auth: options.auth,
        controlFromAnywhere: Boolean(options.controlFromAnywhere),
      };
      let emu: Emulator;
      try {
        emu = new Emulator(config);
        await emu.listen();
      } catch (err) {
        console.error(`mturk-emu: ${(err as Error).message}`);
        process.exit(1);
      }
      console.log(`mturk-emu listening on ${emu.url}`);
      const stop = () => void emu.close().then(() => process.exit(0));
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
