// Child processes the bench measures: the emulator (through its CLI, as users start it) and the
// reference servers. Each runs alone in its own process so the load generator (this process) and the
// server get one core each.
"use strict";
const { spawn } = require("node:child_process");
const { readFileSync } = require("node:fs");
const http = require("node:http");
const { join, resolve } = require("node:path");

const ROOT = resolve(__dirname, "../..");
const BIN = join(ROOT, "bin/mturk-emu.js");

/** Settings come from the flags only: no MTURK_EMU_* variables of the caller's shell. */
function cleanEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("MTURK_EMU_")));
}

/**
 * Spawns `args` with node and resolves once stdout has a line matching `pattern`, with the match, the child
 * and the milliseconds from spawn to that line.
 */
function spawnUntilLine(args, pattern, { timeoutMs = 30_000, nodeArgs = [] } = {}) {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [...nodeArgs, ...args], { cwd: ROOT, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`${args.join(" ")}: no "${pattern}" line in ${timeoutMs} ms (stderr: ${stderr})`));
    }, timeoutMs);
    const onData = (chunk) => {
      stdout += chunk.toString();
      const match = pattern.exec(stdout);
      if (match) {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        child.stdout.resume(); // keep draining so the child never blocks on a full pipe
        done({ child, match, ms: Number(process.hrtime.bigint() - started) / 1e6, started });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk) => (stderr += chunk.toString()));
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`${args.join(" ")} exited (${code ?? signal}) before it was ready: ${stderr}`));
    });
  });
}

/** Starts `mturk-emu start` on a free port; resolves with its URL, pid and a stop function. */
async function startEmulator({ db, logLevel = "warn", extra = [], nodeArgs = [] } = {}) {
  const { child, match, ms } = await spawnUntilLine(
    [BIN, "start", "--port", "0", "--db", db, "--log-level", logLevel, ...extra],
    /mturk-emu listening on (http:\/\/\S+)\n/,
    { nodeArgs },
  );
  child.removeAllListeners("exit");
  return { url: match[1], pid: child.pid, child, readyMs: ms, stop: () => stop(child) };
}

/** Starts the bare Express reference server (bench/reference-express.js). */
async function startReference(kind) {
  const { child, match, ms } = await spawnUntilLine([join(__dirname, "..", "reference-server.js"), kind], /listening on (http:\/\/\S+)\n/);
  child.removeAllListeners("exit");
  return { url: match[1], pid: child.pid, child, readyMs: ms, stop: () => stop(child) };
}

function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once("exit", () => done());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5000).unref();
  });
}

/** Peak and current resident set size of a process, in MB, from /proc (Linux). */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name) => Number((new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status) ?? [])[1] ?? NaN);
  return { peakRssMb: kb("VmHWM") / 1024, rssMb: kb("VmRSS") / 1024 };
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
function cpuMsOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 14 and 15 of stat (utime, stime), counted from the state field (3), in clock ticks (100 per second).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** One HTTP request on a keep-alive agent; resolves with status and parsed JSON body (or text). */
function request(agent, url, { method = "POST", path = "/", headers = {}, body } = {}) {
  const target = new URL(path, url);
  return new Promise((done, fail) => {
    const req = http.request(
      { agent, method, hostname: target.hostname, port: target.port, path: target.pathname + target.search, headers: body === undefined ? headers : { ...headers, "content-length": Buffer.byteLength(body) } },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            /* not JSON */
          }
          done({ status: res.statusCode, body: parsed });
        });
      },
    );
    req.on("error", fail);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

module.exports = { ROOT, BIN, spawnUntilLine, startEmulator, startReference, stop, memoryOf, cpuMsOf, request };
