// Load generation: autocannon for fixed requests, a keep-alive loop for request chains.
"use strict";
const autocannon = require("autocannon");
const { cpuMsOf } = require("./processes");
const { RawConnection } = require("./raw-client");

/**
 * Hammers one fixed request with `connections` keep-alive connections for `seconds`.
 * `headers` may be a function: it is called once, just before the run (fresh signatures).
 */
async function hammer(url, { seconds, connections = 10, method = "POST", path = "/", headers = {}, body, onSample, pid } = {}) {
  const cpuBefore = pid ? cpuMsOf(pid) : 0;
  const result = await autocannon({
    url: new URL(path, url).toString(),
    method,
    headers: typeof headers === "function" ? headers() : headers,
    body,
    connections,
    pipelining: 1,
    duration: seconds,
    timeout: 10,
    setupClient: onSample ? (client) => client.on("response", onSample) : undefined,
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  // The server's own CPU time per request: steadier than throughput when other work shares the machine.
  const cpuUsPerRequest = pid && result.requests.total ? ((cpuMsOf(pid) - cpuBefore) * 1000) / result.requests.total : undefined;
  return {
    rps: result.requests.average,
    requests: result.requests.total,
    latencyMeanMs: result.latency.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    bad,
    cpuUsPerRequest,
  };
}

/**
 * Runs `concurrency` loops of `step` for `seconds`, each loop with a connection of its own (a RawConnection to
 * `url`); each resolved step counts one unit. Resolves with units per second. A step that throws ends the run.
 */
async function loops({ url, seconds, concurrency = 10, step, pid }) {
  const connections = Array.from({ length: concurrency }, () => new RawConnection(url));
  const cpuBefore = pid ? cpuMsOf(pid) : 0;
  const deadline = Date.now() + seconds * 1000;
  let units = 0;
  const started = process.hrtime.bigint();
  try {
    await Promise.all(
      connections.map(async (connection) => {
        while (Date.now() < deadline) {
          await step(connection);
          units++;
        }
      }),
    );
  } finally {
    connections.forEach((connection) => connection.close());
  }
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuUsPerUnit = pid && units ? ((cpuMsOf(pid) - cpuBefore) * 1000) / units : undefined;
  return { units, perSecond: units / elapsed, seconds: elapsed, cpuUsPerUnit };
}

module.exports = { hammer, loops };
