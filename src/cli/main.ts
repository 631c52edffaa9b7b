import { Command } from "commander";
import { startCommand } from "./start";

export function main(argv: string[]): void {
  const program = new Command("mturk-emu")
    .description("A local emulator of the Amazon Mechanical Turk requester sandbox")
    .showHelpAfterError(false)
    .addCommand(startCommand());
  program.parseAsync(argv).catch((err: Error) => {
    console.error(`mturk-emu: ${err.message}`);
    process.exit(1);
  });
}
