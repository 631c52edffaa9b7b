// Control API for workers' side of qualifications and for what the emulator would have sent:
//   GET  /_emu/workers/{WorkerId}/hits/{HITId}                 may the worker discover, preview, accept the HIT?
//   POST /_emu/workers/{WorkerId}/qualification-requests       the worker requests a qualification (takes its test)
//   GET  /_emu/outbox?WorkerId=…&Kind=…                        messages e-mailed to workers, and Email-transport notifications
//   GET  /_emu/notifications?Destination=…                     notification documents, with their delivery Status and Attempts
import { Router } from "express";
import { hitEligibility } from "../domain/commands/qualifications";
import { requestQualification } from "../domain/commands/qualification-requests";
import { getWorker, WorkerActionError, type SubmittedAnswer } from "../domain/commands/workers";
import { listOutbox } from "../domain/commands/notify";
import { pendingNotifications } from "../domain/commands/notifications";
import type { AnswerInput } from "../domain/questions/answers";
import type { MessageKind } from "../domain/records";
import type { Emulator } from "../emulator";
import { ControlError, jsonBody, requireString, route } from "./http";

const MESSAGE_KINDS: MessageKind[] = ["NotifyWorkers", "QualificationGranted", "QualificationRevoked", "QualificationRequestRejected", "EventNotification"];

export function workerRouter(emu: Emulator): Router {
  const router = Router();
  const { domain } = emu;

  router.get(
    "/workers/:workerId/hits/:hitId",
    route((req) =>
      domain.run((ctx) => {
        const worker = getWorker(ctx, String(req.params.workerId));
        const hit = ctx.store.getHit(String(req.params.hitId));
        if (!hit || hit.status === "Disposed") throw new WorkerActionError("HITNotFound", `HIT ${req.params.hitId} does not exist.`);
        const e = hitEligibility(ctx, worker, hit);
        return {
          canDiscover: e.discover,
          canPreview: e.preview,
          canAccept: e.accept,
          reasons: e.failed.map((f) => f.reason),
          failed: e.failed.map((f) => ({
            QualificationTypeId: f.requirement?.QualificationTypeId,
            Comparator: f.requirement?.Comparator,
            ActionsGuarded: f.guards,
            Requirement: f.reason,
            WorkerHas: f.actual,
          })),
        };
      }),
    ),
  );

  router.post(
    "/workers/:workerId/qualification-requests",
    route((req) => {
      const body = jsonBody(req);
      const typeId = requireString(body, "QualificationTypeId");
      const answer = testAnswer(body);
      try {
        const request = domain.run((ctx) => requestQualification(ctx, String(req.params.workerId), typeId, answer));
        return { QualificationRequestId: request.id, Status: request.status, IntegerValue: request.integerValue };
      } catch (err) {
        if (err instanceof WorkerActionError && err.code === "QualificationTypeNotFound") throw new ControlError(404, err.code, err.message);
        throw err;
      }
    }),
  );

  router.get(
    "/outbox",
    route((req) => {
      const workerId = optionalQuery(req.query.WorkerId, "WorkerId");
      const kind = optionalQuery(req.query.Kind, "Kind");
      if (kind !== undefined && !MESSAGE_KINDS.includes(kind as MessageKind)) {
        throw new ControlError(400, "InvalidParameter", `Kind must be one of ${MESSAGE_KINDS.join(", ")}.`);
      }
      const messages = domain.run((ctx) => listOutbox(ctx, { workerId, kind: kind as MessageKind | undefined }));
      return {
        Messages: messages.map((m) => ({
          // EventNotification: an Email-transport notification, to Recipient rather than a worker.
          WorkerId: m.workerId === "" ? undefined : m.workerId,
          Recipient: m.recipient,
          Subject: m.subject,
          MessageText: m.messageText,
          SentTime: m.sentMs / 1000,
          RequesterId: m.requesterId,
          Kind: m.kind,
        })),
      };
    }),
  );

  router.get(
    "/notifications",
    route((req) => {
      const destination = optionalQuery(req.query.Destination, "Destination");
      const documents = domain.run((ctx) => pendingNotifications(ctx));
      const chosen = destination === undefined ? documents : documents.filter((d) => d.Destination === destination);
      return { Notifications: emu.notifications.withProgress(chosen) };
    }),
  );

  return router;
}

function optionalQuery(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value === "") throw new ControlError(400, "InvalidParameter", `${name} must be given once, as a non-empty string.`);
  return value;
}

function testAnswer(body: Record<string, unknown>): SubmittedAnswer | undefined {
  if (body.AnswerXml !== undefined) {
    if (typeof body.AnswerXml !== "string") throw new ControlError(400, "InvalidParameter", "AnswerXml must be a QuestionFormAnswers document (a string).");
    return { answerXml: body.AnswerXml };
  }
  const answers = body.Answers;
  if (answers === undefined) return undefined;
  const valid =
    typeof answers === "object" &&
    answers !== null &&
    !Array.isArray(answers) &&
    Object.values(answers).every((v) => typeof v === "string" || (Array.isArray(v) && v.every((s) => typeof s === "string")));
  if (!valid) {
    throw new ControlError(400, "InvalidParameter", 'Answers must be {"<QuestionIdentifier>": "text" | ["selection", …]}; or give AnswerXml.');
  }
  return { answers: answers as AnswerInput };
}
