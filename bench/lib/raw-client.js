// A minimal keep-alive HTTP/1.1 client for request chains (the worker cycle): one socket, one request at a
// time, responses read by Content-Length. node:http's client costs more CPU per call than the emulator
// spends answering it, and on a 2-core machine that would measure the client.
"use strict";
const net = require("node:net");

class RawConnection {
  constructor(url) {
    const { hostname, port } = new URL(url);
    this.host = `${hostname}:${port}`;
    this.socket = net.connect({ host: hostname, port: Number(port), noDelay: true });
    this.buffer = Buffer.alloc(0);
    this.waiting = undefined;
    this.socket.on("data", (chunk) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.tryParse();
    });
    this.socket.on("error", (err) => this.fail(err));
    this.socket.on("close", () => this.fail(new Error("connection closed")));
  }

  /** Sends one request; resolves with { status, body } (body parsed as JSON when possible). */
  request(method, path, headers, body) {
    const payload = body === undefined ? "" : body;
    let head = `${method} ${path} HTTP/1.1\r\nhost: ${this.host}\r\ncontent-length: ${Buffer.byteLength(payload)}\r\n`;
    for (const [name, value] of Object.entries(headers)) if (name !== "host") head += `${name}: ${value}\r\n`;
    this.socket.write(head + "\r\n" + payload);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.tryParse();
    });
  }

  tryParse() {
    if (!this.waiting) return;
    const end = this.buffer.indexOf("\r\n\r\n");
    if (end < 0) return;
    const head = this.buffer.subarray(0, end).toString("latin1");
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) return this.fail(new Error(`response without Content-Length: ${head}`));
    const total = end + 4 + Number(length[1]);
    if (this.buffer.length < total) return;
    const text = this.buffer.subarray(end + 4, total).toString("utf8");
    this.buffer = this.buffer.subarray(total);
    const { resolve } = this.waiting;
    this.waiting = undefined;
    let body = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    resolve({ status: Number(head.slice(9, 12)), body });
  }

  fail(err) {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting.reject(err);
  }

  close() {
    this.socket.destroy();
  }
}

module.exports = { RawConnection };
