import { Command } from "commander";
import { CliError } from "./client";
import { clockCommand, hitsCommand, resetCommand, seedCommand, statusCommand, workerCommand } from "./commands";
import { startCommand } from "./start";

export function main(argv: string[]): void {
  const program = new Command("mturk-emu")
    .description("A local emulator of the Amazon Mechanical Turk requester sandbox")
    .addCommand(startCommand())
    .addCommand(seedCommand())
    .addCommand(resetCommand())
    .addCommand(clockCommand())
    .addCommand(workerCommand())
    .addCommand(hitsCommand())
    .addCommand(statusCommand())
    .addHelpText("after", "\nExamples:\n  $ mturk-emu start --port 8443\n  $ mturk-emu clock advance 3d\n  $ mturk-emu hits --json");
  program.parseAsync(argv).catch((err: Error) => {
    console.error(`mturk-emu: ${err instanceof CliError ? err.message : err.stack}`);
    process.exit(1);
  });
}
