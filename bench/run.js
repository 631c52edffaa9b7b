// `npm run bench`: the emulator against its targets (issue 8), each figure next to a reference measured in
// the same run. Prints a table and writes bench/results.json.
//
//   node bench/run.js                 every case
//   node bench/run.js gab createhit   only the named cases (gab, createhit, listhits, cycle, start)
//   BENCH_SECONDS=5 node bench/run.js  shorter measuring windows (default 8 s)
//
// The emulator runs from dist/ (`npm run bench` builds first) as a child process started by its own CLI,
// so the load generator (this process) and the server each get a core.
"use strict";
const { mkdtempSync, rmSync, writeFileSync } = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const { join } = require("node:path");
const { hammer, loops } = require("./lib/load");
const { cpuMsOf, memoryOf, request, startEmulator, startReference, spawnUntilLine, stop: stopChild, BIN } = require("./lib/processes");
const { seedHits, CREATE_HIT } = require("./lib/seed");
const { signedHeaders } = require("./lib/sigv4");

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP_SECONDS = 2;
const STARTS = 10;
/** Measuring rounds of the absolute-throughput cases; the median counts. */
const ROUNDS = 3;
const work = mkdtempSync(join(os.tmpdir(), "mturk-emu-bench-"));
let dbCount = 0;
const freshDb = () => join(work, `fresh-${++dbCount}.db`);

const hostOf = (url) => new URL(url).host;
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const log = (...args) => console.error("  ·", ...args);

/** A signed JSON API call as autocannon options, signed when the run starts. */
const signedCall = (url, operation, input) => {
  const body = JSON.stringify(input);
  return { body, headers: () => signedHeaders(hostOf(url), operation, body) };
};

async function call(agent, url, operation, input) {
  const body = JSON.stringify(input);
  const res = await request(agent, url, { headers: signedHeaders(hostOf(url), operation, body), body });
  if (res.status !== 200) throw new Error(`${operation} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function control(agent, url, path, input) {
  const res = await request(agent, url, { path, headers: { "content-type": "application/json" }, body: JSON.stringify(input ?? {}) });
  if (res.status !== 200) throw new Error(`POST ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

function assertClean(what, run) {
  if (run.bad > 0) throw new Error(`${what}: ${run.bad} of ${run.requests} requests were not 2xx`);
  return run;
}

// ---- Cases ----

/** GetAccountBalance with SigV4 verification against bare Express answering the same bytes: req/s. */
async function caseGetAccountBalance() {
  const servers = { emu: await startEmulator({ db: freshDb() }), ref: await startReference("express"), raw: await startReference("http") };
  try {
    const runs = { emu: [], ref: [], raw: [] };
    const cpu = { emu: [], ref: [], raw: [] };
    for (const { url, pid } of Object.values(servers)) await hammer(url, { seconds: WARMUP_SECONDS, pid, ...signedCall(url, "GetAccountBalance", {}) });
    // Alternating rounds, so drift in the machine's speed hits both sides alike.
    for (let i = 0; i < ROUNDS; i++) {
      for (const [name, { url, pid }] of Object.entries(servers)) {
        const run = assertClean(`GetAccountBalance (${name})`, await hammer(url, { seconds: SECONDS / 2, pid, ...signedCall(url, "GetAccountBalance", {}) }));
        runs[name].push(run.rps);
        cpu[name].push(run.cpuUsPerRequest);
      }
    }
    const [e, r, h] = [median(runs.emu), median(runs.ref), median(runs.raw)];
    const [ce, cr, ch] = [median(cpu.emu), median(cpu.ref), median(cpu.raw)];
    log(`GetAccountBalance: emulator ${round(e, 0)} req/s (${round(ce)} µs CPU/req), bare Express ${round(r, 0)} (${round(cr)} µs), raw node:http ${round(h, 0)} (${round(ch)} µs)`);
    return [
      { case: "GetAccountBalance, SigV4 verified (req/s)", emulator: round(e, 0), reference: round(r, 0), referenceName: "bare Express, same bytes", ratio: round(e / r, 2), target: "ratio ≥ 0.6", pass: e / r >= 0.6, cpuUsPerRequest: { emulator: round(ce), reference: round(cr), ratio: round(cr / ce, 2) } },
      { case: "(context) raw node:http, same bytes (req/s)", emulator: null, reference: round(h, 0), referenceName: "raw node:http", ratio: round(e / h, 2), target: "", pass: null, cpuUsPerRequest: { reference: round(ch) } },
    ];
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  }
}

/** CreateHIT on a file database (WAL), identical signed bodies: req/s. */
async function caseCreateHit(expressRps) {
  const emu = await startEmulator({ db: freshDb() });
  try {
    const req = signedCall(emu.url, "CreateHIT", CREATE_HIT);
    await hammer(emu.url, { seconds: WARMUP_SECONDS, ...req });
    const runs = [];
    for (let i = 0; i < ROUNDS; i++) runs.push(assertClean("CreateHIT", await hammer(emu.url, { seconds: SECONDS / 2, pid: emu.pid, ...req })));
    const rps = median(runs.map((r) => r.rps));
    const cpu = median(runs.map((r) => r.cpuUsPerRequest));
    log(`CreateHIT: ${round(rps, 0)} req/s, median of ${runs.map((r) => round(r.rps, 0)).join(", ")} (${round(cpu)} µs CPU/req), p99 ${median(runs.map((r) => r.latencyP99Ms))} ms`);
    return [{ case: "CreateHIT, file DB in WAL mode (req/s)", emulator: round(rps, 0), reference: expressRps, referenceName: "bare Express (GetAccountBalance bytes)", ratio: expressRps ? round(rps / expressRps, 2) : null, target: "≥ 2000 req/s", pass: rps >= 2000, rounds: runs.map((r) => round(r.rps, 0)), cpuUsPerRequest: { emulator: round(cpu) } }];
  } finally {
    await emu.stop();
  }
}

/** ListHITs MaxResults 100 with 10^6 HITs against 10^3: mean latency, and the emulator's peak RSS under that load. */
async function caseListHits(dbs) {
  const measure = async (db) => {
    const emu = await startEmulator({ db });
    try {
      const req = signedCall(emu.url, "ListHITs", { MaxResults: 100 });
      const probe = await call(undefined, emu.url, "ListHITs", { MaxResults: 100 });
      if (probe.HITs.length !== 100) throw new Error(`ListHITs returned ${probe.HITs.length} HITs`);
      await hammer(emu.url, { seconds: WARMUP_SECONDS, ...req });
      const run = assertClean("ListHITs", await hammer(emu.url, { seconds: SECONDS, pid: emu.pid, ...req }));
      return { ...run, ...memoryOf(emu.pid) };
    } finally {
      await emu.stop();
    }
  };
  const small = await measure(dbs.thousand);
  const large = await measure(dbs.million);
  log(`ListHITs: 10^3 ${round(small.latencyMeanMs, 2)} ms (${round(small.rps, 0)} req/s, ${round(small.cpuUsPerRequest)} µs CPU/req), 10^6 ${round(large.latencyMeanMs, 2)} ms (${round(large.rps, 0)} req/s, ${round(large.cpuUsPerRequest)} µs CPU/req)`);
  log(`peak RSS: 10^3 ${round(small.peakRssMb)} MB, 10^6 ${round(large.peakRssMb)} MB`);
  const ratio = large.latencyMeanMs / small.latencyMeanMs;
  return [
    { case: "ListHITs MaxResults 100, 10^6 HITs (mean latency ms)", emulator: round(large.latencyMeanMs, 2), reference: round(small.latencyMeanMs, 2), referenceName: "same with 10^3 HITs", ratio: round(ratio, 2), target: "ratio ≤ 1.5", pass: ratio <= 1.5, cpuUsPerRequest: { emulator: round(large.cpuUsPerRequest), reference: round(small.cpuUsPerRequest) } },
    { case: "Peak RSS, 10^6 HITs under ListHITs load (MB)", emulator: round(large.peakRssMb), reference: round(small.peakRssMb), referenceName: "same with 10^3 HITs", ratio: round(large.peakRssMb / small.peakRssMb, 2), target: "≤ 150 MB", pass: large.peakRssMb <= 150 },
  ];
}

/** Accept and submit through the control API, approve through the JSON API: assignments/s. */
async function caseWorkerCycle(expressRps) {
  const emu = await startEmulator({ db: freshDb() });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
  try {
    // Enough distinct (worker, HIT) pairs that the run never runs out: a worker accepts a HIT once.
    const HITS = 100;
    const WORKERS = 600;
    const hitIds = [];
    for (let i = 0; i < HITS; i++) hitIds.push((await call(agent, emu.url, "CreateHIT", { ...CREATE_HIT, MaxAssignments: WORKERS })).HIT.HITId);
    const workerIds = [];
    for (let i = 0; i < WORKERS; i++) workerIds.push((await control(agent, emu.url, "/_emu/workers", { WorkerId: `ABENCH${String(i).padStart(6, "0")}` })).WorkerId);
    let next = 0;
    const post = async (connection, path, input, operation) => {
      const body = JSON.stringify(input);
      const headers = operation ? signedHeaders(hostOf(emu.url), operation, body) : { "content-type": "application/json" };
      const res = await connection.request("POST", path, headers, body);
      if (res.status !== 200) throw new Error(`POST ${path} ${operation ?? ""} → ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const step = async (connection) => {
      const n = next++;
      if (n >= HITS * WORKERS) throw new Error("the worker cycle ran out of (worker, HIT) pairs");
      const hitId = hitIds[n % HITS];
      const workerId = workerIds[Math.floor(n / HITS)];
      const { AssignmentId } = await post(connection, `/_emu/workers/${workerId}/accept`, { HITId: hitId });
      await post(connection, `/_emu/assignments/${AssignmentId}/submit`, { Answers: { answer: "cat" } });
      await post(connection, "/", { AssignmentId }, "ApproveAssignment");
    };
    await loops({ url: emu.url, seconds: WARMUP_SECONDS, step });
    const runs = [];
    for (let i = 0; i < ROUNDS; i++) runs.push(await loops({ url: emu.url, seconds: SECONDS / 2, step, pid: emu.pid }));
    const run = { perSecond: median(runs.map((r) => r.perSecond)), cpuUsPerUnit: median(runs.map((r) => r.cpuUsPerUnit)) };
    log(`worker cycle: ${round(run.perSecond, 0)} assignments/s, median of ${runs.map((r) => round(r.perSecond, 0)).join(", ")} (${round(run.cpuUsPerUnit)} µs CPU each)`);
    const reference = expressRps ? round(expressRps / 3, 0) : null;
    return [{ case: "Worker cycle: accept + submit + approve (assignments/s)", emulator: round(run.perSecond, 0), reference, referenceName: "bare Express req/s ÷ 3", ratio: reference ? round(run.perSecond / reference, 2) : null, target: "≥ 1000 /s", pass: run.perSecond >= 1000, rounds: runs.map((r) => round(r.perSecond, 0)), cpuUsPerAssignment: round(run.cpuUsPerUnit) }];
  } finally {
    agent.destroy();
    await emu.stop();
  }
}

/** One start: ms from spawn to the URL line and to the first health answer, and the CPU used by then. */
async function timeStart(start) {
  const server = await start();
  const agent = new http.Agent({ keepAlive: false });
  for (;;) {
    const res = await request(agent, server.url, { method: "GET", path: server.healthPath }).catch(() => ({ status: 0 }));
    if (res.status === 200) break;
  }
  const health = Number(process.hrtime.bigint() - server.started) / 1e6;
  // CPU the process used to get there: steadier than the wall time when other work shares the machine.
  const cpu = cpuMsOf(server.pid);
  // The emulator loads Express with the first request its fast paths leave to it: what that first one costs.
  let firstExpress;
  if (server.expressPath) {
    const before = process.hrtime.bigint();
    const res = await request(agent, server.url, { method: "GET", path: server.expressPath });
    if (res.status !== 200) throw new Error(`GET ${server.expressPath} → ${res.status}`);
    firstExpress = Number(process.hrtime.bigint() - before) / 1e6;
  }
  await server.stop();
  return { line: server.readyMs, health, cpu, firstExpress };
}

/** STARTS rounds, each starting every kind once (interleaved, so drift hits all alike); medians per kind. */
async function timeStarts(kinds) {
  const samples = Object.fromEntries(Object.keys(kinds).map((name) => [name, []]));
  for (let i = 0; i < STARTS; i++) for (const [name, start] of Object.entries(kinds)) samples[name].push(await timeStart(start));
  return Object.fromEntries(
    Object.entries(samples).map(([name, runs]) => [
      name,
      { line: median(runs.map((r) => r.line)), health: median(runs.map((r) => r.health)), cpu: median(runs.map((r) => r.cpu)), firstExpress: runs[0].firstExpress && median(runs.map((r) => r.firstExpress)) },
    ]),
  );
}

async function caseStart(dbs) {
  const emulatorOn = (db) => async () => {
    const { child, match, ms, started } = await spawnUntilLine([BIN, "start", "--port", "0", "--db", db(), "--log-level", "warn"], /mturk-emu listening on (http:\/\/\S+)\n/);
    child.removeAllListeners("exit");
    return { url: match[1], pid: child.pid, readyMs: ms, started, healthPath: "/_emu/health", expressPath: "/_emu/requests", stop: () => stopChild(child) };
  };
  const express = async () => {
    const { child, match, ms, started } = await spawnUntilLine([join(__dirname, "reference-server.js"), "express"], /listening on (http:\/\/\S+)\n/);
    child.removeAllListeners("exit");
    return { url: match[1], pid: child.pid, readyMs: ms, started, healthPath: "/health", stop: () => stopChild(child) };
  };
  const { ref, fresh, big } = await timeStarts({ ref: express, fresh: emulatorOn(freshDb), big: emulatorOn(() => dbs.million) });
  log(`start to first answer: bare Express ${round(ref.health)} ms (${round(ref.cpu)} ms CPU); emulator fresh DB ${round(fresh.health)} ms (URL line ${round(fresh.line)}, ${round(fresh.cpu)} ms CPU), 10^6-HIT DB ${round(big.health)} ms (URL line ${round(big.line)}, ${round(big.cpu)} ms CPU)`);
  log(`then the first request served by Express (GET /_emu/requests, which loads it): ${round(fresh.firstExpress)} ms, ${round(big.firstExpress)} ms`);
  const row = (label, m) => ({ case: `Start to first health answer, ${label} (median of ${STARTS}, ms)`, emulator: round(m.health), reference: round(ref.health), referenceName: "bare Express", ratio: round(m.health / ref.health, 2), target: "≤ 250 ms", pass: m.health <= 250, urlLineMs: round(m.line), firstExpressRequestMs: round(m.firstExpress), cpuMs: { emulator: round(m.cpu), reference: round(ref.cpu) } });
  return [row("fresh file DB", fresh), row("10^6-HIT DB", big)];
}

// ---- Driver ----

async function main() {
  const wanted = new Set(process.argv.slice(2));
  const want = (name) => wanted.size === 0 || wanted.has(name);
  const began = Date.now();
  const loadBefore = os.loadavg();
  if (loadBefore[0] > 1) log(`note: load average ${loadBefore.map((l) => round(l, 2)).join(" ")} before the run; other work on this machine lowers every figure`);
  const rows = [];
  const dbs = {};
  if (want("listhits") || want("start")) {
    log("seeding 10^3 and 10^6 HITs …");
    dbs.thousand = join(work, "hits-1e3.db");
    dbs.million = join(work, "hits-1e6.db");
    const a = seedHits(dbs.thousand, 1000);
    const b = seedHits(dbs.million, 1_000_000);
    log(`seeded in ${round(a.seconds + b.seconds)} s`);
  }
  let expressRps;
  if (want("gab")) {
    const gab = await caseGetAccountBalance();
    expressRps = gab[0].reference;
    rows.push(...gab);
  }
  if (want("createhit")) rows.push(...(await caseCreateHit(expressRps)));
  if (want("listhits")) rows.push(...(await caseListHits(dbs)));
  if (want("cycle")) rows.push(...(await caseWorkerCycle(expressRps)));
  if (want("start")) rows.push(...(await caseStart(dbs)));

  const machine = { nproc: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}` };
  const loadAverage = { before: loadBefore.map((l) => round(l, 2)), after: os.loadavg().map((l) => round(l, 2)) };
  const results = { date: new Date().toISOString(), machine, loadAverage, seconds: round((Date.now() - began) / 1000), measureSeconds: SECONDS, cases: rows };
  writeFileSync(join(__dirname, "results.json"), JSON.stringify(results, null, 2) + "\n");
  printTable(rows);
  console.log(`\n${machine.nproc} cores, ${machine.memoryGb} GB, node ${machine.node}; load average ${loadAverage.before.join(" ")} before, ${loadAverage.after.join(" ")} after; ${results.seconds} s in all; written to bench/results.json`);
  return rows.every((row) => row.pass !== false);
}

function printTable(rows) {
  const header = ["Case", "Emulator", "Reference", "Ratio", "Target", ""];
  const lines = rows.map((r) => [r.case, fmt(r.emulator), `${fmt(r.reference)} (${r.referenceName})`, fmt(r.ratio), r.target, r.pass === null ? "" : r.pass ? "ok" : "MISSED"]);
  console.log(["| " + header.join(" | ") + " |", "|" + header.map(() => "---").join("|") + "|", ...lines.map((l) => "| " + l.join(" | ") + " |")].join("\n"));
}
const fmt = (x) => (x === null || x === undefined ? "—" : String(x));

main()
  .then((ok) => {
    rmSync(work, { recursive: true, force: true });
    process.exit(ok ? 0 : 1);
  })
  .catch((err) => {
    console.error(err);
    rmSync(work, { recursive: true, force: true });
    process.exit(2);
  });
