// The JSON 1.1 front end: POST / with X-Amz-Target. It authenticates, parses, validates, calls the
// operation table and serialises; no business rule lives here.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import type { ApiCtx } from "../../api/context";
import { OPERATION_NAMES, TARGET_PREFIX, type OperationName } from "../../api/generated/operations";
import { OPERATIONS } from "../../api/operations";
import { SerializationError, validateInput } from "../../api/validate";
import type { Domain } from "../../domain/domain";
import type { Account } from "../../domain/records";
import { DomainError } from "../../domain/errors";
import { applyFault, type FaultErrors, type FaultRule, type Faults } from "../../harness/faults";
import type { RequestLog } from "../../harness/request-log";
import { AuthError, verifySigV4 } from "../auth/sigv4";
import type { Accounts } from "../auth/accounts";
import { ProtocolError, toWireError } from "./errors";

const OPERATIONS_BY_NAME = new Set<string>(OPERATION_NAMES);
const CONTENT_TYPES = new Set(["application/x-amz-json-1.1", "application/x-amz-json-1.0", "application/json"]);

export interface JsonApiDeps {
  domain: Domain;
  accounts: Accounts;
  faults: Faults;
  requestLog: RequestLog;
  notifications?: ApiCtx["notifications"];
}

/**
 * What the front end reads of a request: node's own request and the raw body. An Express request is one
 * (its path and protocol are then used); the server's fast path for JSON calls passes node's request as it is.
 */
export type JsonApiRequest = IncomingMessage & { body?: unknown; path?: string; protocol?: string; originalUrl?: string };

export function isJsonApiRequest(req: IncomingMessage): boolean {
  return req.method === "POST" && req.headers["x-amz-target"] !== undefined;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
};

const EMPTY = Buffer.alloc(0);
/** The raw body; a POST without Content-Length or Transfer-Encoding has none. */
const rawBody = (req: JsonApiRequest): Buffer => (Buffer.isBuffer(req.body) ? req.body : EMPTY);
const urlOf = (req: JsonApiRequest): string => req.originalUrl ?? req.url ?? "/";

export async function handleJsonApi(deps: JsonApiDeps, req: JsonApiRequest, res: ServerResponse): Promise<void> {
  const started = Date.now();
  const requestId = randomUUID();
  let operation = "?";
  let accessKeyId: string | undefined;
  let fault: FaultRule | undefined;
  let status = 200;
  let body: unknown;
  try {
    const requester = authenticate(deps, req);
    accessKeyId = requester.accessKeyId;
    operation = parseTarget(header(req, "x-amz-target")!);
    fault = deps.faults.match({ protocol: "json", operation, accessKeyId });
    if (fault) await applyFault(fault, FAULT_ERRORS);
    const input = parseBody(req);
    validateInput(operation as OperationName, input);
    const handler = OPERATIONS[operation as OperationName] as (api: ApiCtx, input: unknown) => unknown;
    const api: ApiCtx = { domain: deps.domain, requester, baseUrl: `${req.protocol ?? ((req.socket as TLSSocket).encrypted ? "https" : "http")}://${header(req, "host")}`, notifications: deps.notifications };
    body = await handler(api, input);
  } catch (err) {
    const wire = toWireError(err, deps.domain.clock.now());
    if (wire.internal) console.error(`mturk-emu: internal error in ${operation}:`, err);
    status = wire.status;
    body = wire.body;
    res.setHeader("x-amzn-ErrorType", wire.body.__type);
  }
  res.statusCode = status;
  res.setHeader("x-amzn-RequestId", requestId).setHeader("content-type", "application/x-amz-json-1.1").end(JSON.stringify(body));
  deps.requestLog.record({
    time: new Date(started).toISOString(),
    protocol: "json",
    operation,
    accessKeyId,
    status,
    error: status >= 400 ? (body as { __type: string }).__type : undefined,
    fault: fault?.id,
    ms: Date.now() - started,
  });
}

/** Injected faults answer as the real service does when it is overloaded or failing. */
const FAULT_ERRORS: FaultErrors = {
  throttle: () => new ProtocolError("ThrottlingException", "Rate exceeded", 400),
  unavailable: () => new ProtocolError("ServiceUnavailableException", "Service is temporarily unavailable. Please try again.", 503),
  serviceFault: () => new DomainError("ServiceFault", "AWS.MechanicalTurk.InternalError", "We encountered an internal error. Please try again."),
};

function authenticate(deps: JsonApiDeps, req: JsonApiRequest): Account {
  let accessKeyId: string;
  if (deps.accounts.authEnabled) {
    const url = urlOf(req);
    const query = url.indexOf("?");
    const path = req.path ?? (query < 0 ? url : url.slice(0, query));
    const signed = { method: req.method!, path, query: query < 0 ? "" : url.slice(query + 1), headers: req.headers, body: rawBody(req) };
    accessKeyId = verifySigV4(signed, (key) => deps.accounts.secretFor(key), Date.now()).accessKeyId;
  } else {
    const match = /Credential=([^/,\s]+)\//.exec(header(req, "authorization") ?? "");
    if (!match) throw new AuthError("MissingAuthenticationTokenException", "Missing Authentication Token");
    accessKeyId = match[1];
  }
  const account = deps.accounts.forKey(accessKeyId);
  if (!account) throw new AuthError("UnrecognizedClientException", "The security token included in the request is invalid.");
  return account;
}

function parseTarget(target: string): string {
  const dot = target.lastIndexOf(".");
  const operation = target.slice(dot + 1);
  if (target.slice(0, dot) !== TARGET_PREFIX || !OPERATIONS_BY_NAME.has(operation)) {
    throw new ProtocolError("UnknownOperationException", `Unknown operation: ${target}. Expected ${TARGET_PREFIX}.<Operation>.`);
  }
  return operation;
}

function parseBody(req: JsonApiRequest): unknown {
  const contentType = (header(req, "content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!CONTENT_TYPES.has(contentType)) {
    throw new ProtocolError("UnsupportedMediaTypeException", `Content-Type "${contentType}" is not supported; send application/x-amz-json-1.1.`, 415);
  }
  const raw = rawBody(req).toString("utf8").trim();
  if (raw === "") return {};
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new SerializationError(`The request body is not valid JSON: ${(err as Error).message}`);
  }
}
