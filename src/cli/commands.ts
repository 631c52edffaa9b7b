// Subcommands that drive a running emulator through its control API.
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { call, CliError, endpointOption, jsonOption, parseDuration, print, table } from "./client";

const withOptions = (command: Command, example: string) =>
  command.addOption(endpointOption()).addOption(jsonOption()).addHelpText("after", `\nExample:\n  $ ${example}`);

const clockLine = (c: { now: number; frozen: boolean }) => `${new Date(c.now * 1000).toISOString()}${c.frozen ? " (frozen)" : ""}`;

export function seedCommand(): Command {
  return withOptions(new Command("seed").argument("<file>", "fixture document, JSON or YAML").description("load a fixture into the running emulator (all or nothing)"), "mturk-emu seed fixtures/image-tagging.json").action(
    async (file: string, o) => {
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (err) {
        throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
      }
      const result = await call(o.endpoint, "POST", "/seed", text, file.endsWith(".json") ? "application/json" : "application/yaml");
      print(o.json, result, () => `seeded ${Object.keys(result.hits).length} HITs, ${result.assignments} assignments, ${result.workers} workers`);
    },
  );
}

export function resetCommand(): Command {
  return withOptions(new Command("reset").description("empty the emulator's state (accounts stay)"), "mturk-emu reset").action(async (o) => {
    const result = await call(o.endpoint, "POST", "/reset");
    print(o.json, result, () => "reset");
  });
}

export function clockCommand(): Command {
  const clock = new Command("clock")
    .description("show or move the emulator clock")
    .argument("[action]", "advance <duration> | set <ISO time> | freeze | unfreeze (none: show)")
    .argument("[value]", "a duration (90, 15m, 3d) or an ISO 8601 time")
    .addHelpText("after", "\nExamples:\n  $ mturk-emu clock\n  $ mturk-emu clock advance 3d\n  $ mturk-emu clock set 2026-12-01T00:00:00Z\n  $ mturk-emu clock freeze");
  return clock
    .addOption(endpointOption())
    .addOption(jsonOption())
    .action(async (action: string | undefined, value: string | undefined, o) => {
      let body: object | undefined;
      if (action === "advance") body = { advanceSeconds: parseDuration(required(value, "a duration")) };
      else if (action === "set") {
        const ms = Date.parse(required(value, "an ISO 8601 time"));
        if (Number.isNaN(ms)) throw new CliError(`"${value}" is not an ISO 8601 time.`);
        body = { set: ms / 1000 };
      } else if (action === "freeze" || action === "unfreeze") body = { freeze: action === "freeze" };
      else if (action !== undefined) throw new CliError(`unknown clock action "${action}" (advance, set, freeze, unfreeze).`);
      const state = await call(o.endpoint, body ? "POST" : "GET", "/clock", body);
      print(o.json, state, () => clockLine(state));
    });
}

function required(value: string | undefined, what: string): string {
  if (value === undefined) throw new CliError(`give ${what}.`);
  return value;
}

export function workerCommand(): Command {
  const worker = new Command("worker")
    .description("play a worker: create, accept, submit, return")
    .addHelpText("after", "\nExample:\n  $ mturk-emu worker create --id A1EXAMPLE && mturk-emu worker accept A1EXAMPLE <HITId>");
  worker.addCommand(
    withOptions(new Command("create").description("create a worker").option("--id <WorkerId>", "the id (default: a new one)").option("--locale <CC[-SS]>", "country and optional subdivision, e.g. US-CA").option("--adult", "an adult worker").option("--masters", "holds the Masters qualification"), "mturk-emu worker create --id A1EXAMPLE --locale US-CA").action(async (o) => {
      const [Country, Subdivision] = o.locale ? String(o.locale).split("-") : [];
      const body = {
        WorkerId: o.id,
        ...(Country ? { Locale: { Country, ...(Subdivision ? { Subdivision } : {}) } } : {}),
        ...(o.adult ? { Adult: true } : {}),
        ...(o.masters ? { Masters: true } : {}),
      };
      const result = await call(o.endpoint, "POST", "/workers", body);
      print(o.json, result, () => result.WorkerId);
    }),
  );
  worker.addCommand(
    withOptions(new Command("accept").argument("<WorkerId>").argument("<HITId>").description("accept a HIT as a worker"), "mturk-emu worker accept A1EXAMPLE 3X7837UUADRXYCA1K7JAJLKC66DJ60").action(async (workerId: string, hitId: string, o) => {
      const result = await call(o.endpoint, "POST", `/workers/${encodeURIComponent(workerId)}/accept`, { HITId: hitId });
      print(o.json, result, () => result.AssignmentId);
    }),
  );
  worker.addCommand(
    withOptions(
      new Command("submit")
        .argument("<AssignmentId>")
        .description("submit an assignment")
        .option("-a, --answer <id=value>", "an answer; repeat for more, or for several selections of one question", collect, [])
        .option("--answer-xml <file>", "a QuestionFormAnswers document to submit as is"),
      "mturk-emu worker submit 3Y9N9SS8LYBYQZ6AE6Y5YCTRSJ5XXX -a tag=cat -a colour=red -a colour=blue",
    ).action(async (assignmentId: string, o) => {
      const body = o.answerXml ? { AnswerXml: readFileSync(o.answerXml, "utf8") } : { Answers: answersFrom(o.answer) };
      const result = await call(o.endpoint, "POST", `/assignments/${encodeURIComponent(assignmentId)}/submit`, body);
      print(o.json, result, () => `${result.AssignmentId} ${result.AssignmentStatus}`);
    }),
  );
  worker.addCommand(
    withOptions(new Command("return").argument("<AssignmentId>").description("return an accepted assignment"), "mturk-emu worker return 3Y9N9SS8LYBYQZ6AE6Y5YCTRSJ5XXX").action(async (assignmentId: string, o) => {
      const result = await call(o.endpoint, "POST", `/assignments/${encodeURIComponent(assignmentId)}/return`);
      print(o.json, result, () => `${result.AssignmentId} ${result.AssignmentStatus}`);
    }),
  );
  return worker;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function answersFrom(pairs: string[]): Record<string, string | string[]> {
  const answers: Record<string, string | string[]> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new CliError(`"${pair}" is not an answer; write QuestionIdentifier=value.`);
    const [id, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
    const earlier = answers[id];
    answers[id] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
  }
  return answers;
}

export function hitsCommand(): Command {
  return withOptions(new Command("hits").description("list the HITs of every account with status and counts"), "mturk-emu hits").action(async (o) => {
    const { hits } = await call(o.endpoint, "GET", "/hits");
    print(o.json, hits, () =>
      hits.length === 0
        ? "no HITs"
        : table(
            ["HITId", "Status", "Avail", "Pend", "Done", "Max", "Reward", "Expires", "Title"],
            hits.map((h: any) => [
              h.HITId,
              h.HITStatus,
              String(h.NumberOfAssignmentsAvailable),
              String(h.NumberOfAssignmentsPending),
              String(h.NumberOfAssignmentsCompleted),
              String(h.MaxAssignments),
              h.Reward,
              new Date(h.Expiration * 1000).toISOString().replace(/\.\d+Z$/, "Z"),
              h.Title,
            ]),
          ),
    );
  });
}

export function statusCommand(): Command {
  return withOptions(new Command("status").description("is the emulator up, what time is it there, how much does it hold"), "mturk-emu status").action(async (o) => {
    await call(o.endpoint, "GET", "/health");
    const [clock, { hits }, { workers }] = await Promise.all([call(o.endpoint, "GET", "/clock"), call(o.endpoint, "GET", "/hits"), call(o.endpoint, "GET", "/workers")]);
    const status = { endpoint: o.endpoint, status: "ok", clock, hits: hits.length, workers: workers.length };
    print(o.json, status, () => `${o.endpoint} ok\nclock    ${clockLine(clock)}\nHITs     ${hits.length}\nworkers  ${workers.length}`);
  });
}
