// Reading a request body without Express, for the server's fast paths (app.ts createRequestListener).
import type { IncomingMessage } from "node:http";

/**
 * The whole body, up to `limit` bytes. Over the limit it rejects with status 413 once the rest of the body has
 * been read and dropped (as body-parser does, so the answer reaches a client still sending).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declared > limit;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on("end", () => (tooLarge ? reject(Object.assign(new Error("request entity too large"), { status: 413 })) : resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))));
    req.on("error", (err) => reject(Object.assign(err, { status: 400 })));
    req.on("aborted", () => reject(Object.assign(new Error("request aborted"), { status: 400 })));
  });
}
