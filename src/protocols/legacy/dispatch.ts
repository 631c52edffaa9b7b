// What REST and SOAP share once a request is parsed: authentication, fault injection, the table, the response
// document and the request log. Each transport only parses its envelope and serialises the document.
import { randomUUID } from "node:crypto";
import type { ApiCtx } from "../../api/context";
import type { Domain } from "../../domain/domain";
import type { Account } from "../../domain/records";
import { applyFault, type FaultErrors, type FaultRule, type Faults } from "../../harness/faults";
import type { RequestLog } from "../../harness/request-log";
import type { Accounts } from "../auth/accounts";
import { legacyErrors, RequestLevelError, toLegacyError, type WireLegacyError } from "./errors";
import { isLegacyOperation, LEGACY_OPERATIONS, responseGroups, type LegacyOperationName, type LegacyVersion, type RenderCtx } from "./operations";
import { Params, ParamNode } from "./params";
import { el, flatten, type XNode } from "./render/xml";
import { responseDocument, type RenderedResult } from "./render/response";
import { authenticate, type LegacyCredentials } from "./signature";

export interface LegacyDeps {
  domain: Domain;
  accounts: Accounts;
  faults: Faults;
  requestLog: RequestLog;
  notifications?: ApiCtx["notifications"];
}

export type LegacyProtocol = "legacy-rest" | "legacy-soap";

export interface LegacyCall {
  protocol: LegacyProtocol;
  /** The Operation as sent (it may name no operation). */
  operation: string;
  credentials: LegacyCredentials;
  /** One entry per batched request (SOAP Request elements, REST `<Operation>.N.` prefixes). */
  requests: ParamNode[];
  version: LegacyVersion;
  baseUrl: string;
}

export interface LegacyAnswer {
  /** 200 unless a fault was injected. */
  status: number;
  document: XNode;
  /** An injected fault, which SOAP answers with a Fault. */
  fault?: WireLegacyError;
}

/** Anonymous Help calls have no account; Help never touches the domain. */
const NOBODY: Account = { requesterId: "", accessKeyId: "", awsAccountId: "", createdMs: 0 };

/** A name usable as the response root even when the Operation is not one. */
const rootName = (operation: string): string => (/^[A-Za-z][A-Za-z0-9]{0,63}$/.test(operation) ? operation : "");

export async function runLegacyCall(deps: LegacyDeps, call: LegacyCall): Promise<LegacyAnswer> {
  const started = Date.now();
  const requestId = randomUUID();
  let accessKeyId: string | undefined;
  let fault: FaultRule | undefined;
  let answer: LegacyAnswer;
  try {
    if (!isLegacyOperation(call.operation)) {
      throw new RequestLevelError(
        "AWS.InvalidOperationParameter",
        `The Operation parameter is invalid. Please modify the Operation parameter and retry. The operation "${call.operation}" is not one of the ${Object.keys(LEGACY_OPERATIONS).length} operations of the legacy API.`,
      );
    }
    const name = call.operation;
    const spec = LEGACY_OPERATIONS[name];
    const anonymous = spec.anonymous && !call.credentials.accessKeyId;
    const requester = anonymous ? NOBODY : authenticate(deps.accounts, call.credentials, Date.now());
    accessKeyId = anonymous ? undefined : requester.accessKeyId;
    fault = deps.faults.match({ protocol: call.protocol, operation: name, accessKeyId });
    if (fault) await applyFault(fault, FAULT_ERRORS);
    const api: ApiCtx = { domain: deps.domain, requester, baseUrl: call.baseUrl, notifications: deps.notifications };
    const results: RenderedResult[] = [];
    for (const request of call.requests) results.push(await runOne(deps, api, name, request, call.version));
    answer = { status: 200, document: responseDocument(name, requestId, results) };
  } catch (err) {
    const wire = toLegacyError(err, deps.domain.clock.now());
    if (wire.internal) console.error(`mturk-emu: internal error in legacy ${call.operation}:`, err);
    answer = { status: wire.status, document: responseDocument(rootName(call.operation), requestId, [], wire), fault: wire.status !== 200 ? wire : undefined };
  }
  deps.requestLog.record({
    time: new Date(started).toISOString(),
    protocol: call.protocol,
    operation: call.operation || "?",
    accessKeyId: accessKeyId ?? call.credentials.accessKeyId,
    status: answer.status,
    error: firstErrorCode(answer.document),
    fault: fault?.id,
    ms: Date.now() - started,
  });
  return answer;
}

/** One request of a call: parameter errors and domain refusals become the result's Request/Errors. */
async function runOne(deps: LegacyDeps, api: ApiCtx, name: LegacyOperationName, node: ParamNode, version: LegacyVersion): Promise<RenderedResult> {
  const spec = LEGACY_OPERATIONS[name];
  const element = spec.result ?? `${name}Result`;
  const params = new Params(node);
  let echo: XNode | undefined;
  try {
    const asked = params.strs("ResponseGroup", { commas: true });
    const groups = responseGroups(name, asked);
    if (groups.has("Request")) echo = requestEcho(name, node, version);
    for (const required of spec.required) if (node.get(required).length === 0) throw legacyErrors.missing(required);
    const input = spec.read(params);
    const output = await spec.run(api, input);
    const render: RenderCtx = { groups, version, baseUrl: api.baseUrl };
    return { element, echo, outcome: { ok: true, children: flatten(spec.render(output, render)) } };
  } catch (err) {
    const wire = toLegacyError(err, deps.domain.clock.now());
    if (wire.internal) console.error(`mturk-emu: internal error in legacy ${name}:`, err);
    return { element, echo, outcome: { ok: false, error: wire } };
  }
}

/** 2012-03-25 named four echo elements without the Request suffix; 2014-08-15 added it (LEGACY-API.md §2.1). */
const UNSUFFIXED_2012 = new Set(["GetAssignmentsForHIT", "GetFileUploadURL", "GetRequesterStatistic", "GetRequesterWorkerStatistic"]);

/** The request as the operation sees it, without the authentication and envelope parameters. */
function requestEcho(name: LegacyOperationName, node: ParamNode, version: LegacyVersion): XNode {
  const spec = LEGACY_OPERATIONS[name];
  const known = new Set([...spec.required, ...spec.optional]);
  const toX = (n: ParamNode): XNode[] =>
    n.names().flatMap((key) => n.get(key).map((v) => (typeof v === "string" ? { name: key, content: v } : el(key, toX(v)))));
  const children = toX(node).filter((child) => known.has(child.name));
  return el(version === "2012-03-25" && UNSUFFIXED_2012.has(name) ? name : `${name}Request`, children);
}

const FAULT_ERRORS: FaultErrors = {
  throttle: () => new RequestLevelError("AWS.ServiceUnavailable", "Hey, slow down! You are sending requests too fast; please retry later.", [], 503),
  unavailable: () => new RequestLevelError("AWS.ServiceUnavailable", "Service is temporarily unavailable. Please try again.", [], 503),
  serviceFault: () => new RequestLevelError("AWS.MechanicalTurk.InternalError", "We encountered an internal error. Please try again.", [], 500),
};

function firstErrorCode(document: XNode): string | undefined {
  const stack: XNode[] = [document];
  while (stack.length) {
    const node = stack.shift()!;
    if (node.name === "Code" && typeof node.content === "string") return node.content;
    if (Array.isArray(node.content)) stack.push(...node.content);
  }
  return undefined;
}
