// CPU profile of the emulator under one bench load, for finding what to fix:
//   node bench/profile.js gab|createhit|listhits|cycle [seconds]
// writes bench/profiles/<case>-<time>.cpuprofile (open it in Chrome DevTools or speedscope).
"use strict";
const { mkdirSync, mkdtempSync, readdirSync, rmSync } = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const { join } = require("node:path");
const { hammer, loops } = require("./lib/load");
const { request, startEmulator } = require("./lib/processes");
const { seedHits, CREATE_HIT } = require("./lib/seed");
const { signedHeaders } = require("./lib/sigv4");

const [kind = "gab", seconds = "8"] = process.argv.slice(2);
const out = join(__dirname, "profiles");
const work = mkdtempSync(join(os.tmpdir(), "mturk-emu-profile-"));

const signed = (url, operation, input) => {
  const body = JSON.stringify(input);
  return { body, headers: () => signedHeaders(new URL(url).host, operation, body) };
};

async function main() {
  mkdirSync(out, { recursive: true });
  const db = join(work, "profile.db");
  if (kind === "listhits") seedHits(db, 1_000_000);
  const emu = await startEmulator({ db, nodeArgs: ["--cpu-prof", "--cpu-prof-dir", out, "--cpu-prof-name", `${kind}-${Date.now()}.cpuprofile`] });
  try {
    const report = (run) => console.log(`${run.requests} requests, ${Math.round(run.rps)}/s, ${Math.round(run.cpuUsPerRequest)} µs CPU each`);
    if (kind === "gab") report(await hammer(emu.url, { seconds: +seconds, pid: emu.pid, ...signed(emu.url, "GetAccountBalance", {}) }));
    else if (kind === "createhit") report(await hammer(emu.url, { seconds: +seconds, pid: emu.pid, ...signed(emu.url, "CreateHIT", CREATE_HIT) }));
    else if (kind === "listhits") report(await hammer(emu.url, { seconds: +seconds, pid: emu.pid, ...signed(emu.url, "ListHITs", { MaxResults: 100 }) }));
    else if (kind === "cycle") {
      const agent = new http.Agent({ keepAlive: true });
      const setup = async (path, input, operation) => {
        const body = JSON.stringify(input);
        const headers = operation ? signedHeaders(new URL(emu.url).host, operation, body) : { "content-type": "application/json" };
        const res = await request(agent, emu.url, { path, headers, body });
        if (res.status !== 200) throw new Error(`${path} ${operation ?? ""} → ${res.status} ${JSON.stringify(res.body)}`);
        return res.body;
      };
      const post = async (connection, path, input, operation) => {
        const body = JSON.stringify(input);
        const headers = operation ? signedHeaders(new URL(emu.url).host, operation, body) : { "content-type": "application/json" };
        const res = await connection.request("POST", path, headers, body);
        if (res.status !== 200) throw new Error(`${path} ${operation ?? ""} → ${res.status} ${JSON.stringify(res.body)}`);
        return res.body;
      };
      const hits = [];
      for (let i = 0; i < 100; i++) hits.push((await setup("/", { ...CREATE_HIT, MaxAssignments: 400 }, "CreateHIT")).HIT.HITId);
      const workers = [];
      for (let i = 0; i < 400; i++) workers.push((await setup("/_emu/workers", { WorkerId: `APROF${i}` })).WorkerId);
      agent.destroy();
      let n = 0;
      const run = await loops({
        url: emu.url,
        seconds: +seconds,
        pid: emu.pid,
        step: async (connection) => {
          const i = n++;
          const { AssignmentId } = await post(connection, `/_emu/workers/${workers[Math.floor(i / 100)]}/accept`, { HITId: hits[i % 100] });
          await post(connection, `/_emu/assignments/${AssignmentId}/submit`, { Answers: { answer: "cat" } });
          await post(connection, "/", { AssignmentId }, "ApproveAssignment");
        },
      });
      console.log(`${run.units} cycles, ${Math.round(run.perSecond)}/s, ${Math.round(run.cpuUsPerUnit)} µs CPU each`);
    } else throw new Error(`unknown case ${kind}`);
  } finally {
    await emu.stop();
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`written: ${join(out, readdirSync(out).filter((f) => f.startsWith(kind)).sort().pop())}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
