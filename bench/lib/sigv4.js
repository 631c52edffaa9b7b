// A minimal AWS Signature Version 4 signer for JSON 1.1 calls (service mturk-requester), on node:crypto.
// Written independently of the emulator's verifier so the bench checks it from outside.
"use strict";
const { createHash, createHmac } = require("node:crypto");

const CREDENTIALS = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
const TARGET_PREFIX = "MTurkRequesterServiceV20170117";

const sha256 = (data) => createHash("sha256").update(data).digest("hex");
const hmac = (key, data) => createHmac("sha256", key).update(data).digest();

/** "20260101T000000Z" for a time in ms. */
const amzDate = (ms) => new Date(ms).toISOString().replace(/\.\d{3}/, "").replace(/[-:]/g, "");

/**
 * The headers of a signed POST / for `operation` with `body` (a string), as a plain object.
 * `host` must be what the client sends in the Host header (e.g. "127.0.0.1:41234").
 */
function signedHeaders(host, operation, body, { nowMs = Date.now(), credentials = CREDENTIALS, region = "us-east-1" } = {}) {
  const date = amzDate(nowMs);
  const day = date.slice(0, 8);
  const headers = {
    "content-type": "application/x-amz-json-1.1",
    host,
    "x-amz-date": date,
    "x-amz-target": `${TARGET_PREFIX}.${operation}`,
  };
  const names = Object.keys(headers).sort();
  const canonical = [
    "POST",
    "/",
    "",
    names.map((n) => `${n}:${headers[n]}\n`).join(""),
    names.join(";"),
    sha256(body),
  ].join("\n");
  const scope = `${day}/${region}/mturk-requester/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", date, scope, sha256(canonical)].join("\n");
  let key = Buffer.from(`AWS4${credentials.secretAccessKey}`);
  for (const part of [day, region, "mturk-requester", "aws4_request"]) key = hmac(key, part);
  const signature = createHmac("sha256", key).update(toSign).digest("hex");
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`;
  return headers;
}

module.exports = { CREDENTIALS, TARGET_PREFIX, signedHeaders, amzDate };
