// Reference servers for the bench, answering GetAccountBalance's bytes without doing any of its work:
//   node bench/reference-server.js express   bare Express (the yardstick)
//   node bench/reference-server.js http      raw node:http (for context)
// Prints "listening on http://127.0.0.1:PORT" once it answers.
"use strict";
const http = require("node:http");

const BODY = JSON.stringify({ AvailableBalance: "10000.00" });
const HEADERS = {
  "x-amzn-RequestId": "00000000-0000-4000-8000-000000000000",
  "content-type": "application/x-amz-json-1.1",
};

const kind = process.argv[2] ?? "express";
let server;
if (kind === "express") {
  const express = require("express");
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.post("/", (_req, res) => res.status(200).set(HEADERS).end(BODY));
  app.get("/health", (_req, res) => res.json({ status: "ok" }));
  server = http.createServer(app);
} else if (kind === "http") {
  server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { ...HEADERS, "content-length": Buffer.byteLength(BODY) });
      res.end(BODY);
    });
  });
} else {
  console.error(`unknown reference server "${kind}" (express or http)`);
  process.exit(2);
}
server.listen(0, "127.0.0.1", () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
process.once("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
