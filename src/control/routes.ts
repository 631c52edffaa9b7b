// The control API under /_emu: what test suites use to play workers, move the clock and reset.
import type { Router } from "express";
import * as workers from "../domain/commands/workers";
import { newEntityId } from "../domain/ids";
import type { Emulator } from "../emulator";
import { ControlError, jsonBody, route } from "./http";
import { acceptBody, clockBody, layoutBody, submittedAnswer, workerBody } from "./schemas";
import { workerAttributesProblem } from "../domain/eligibility";

/** What a control handler reads of a request. An Express request is one; the server's fast path builds one. */
export interface ControlRequest {
  params: Record<string, string | string[]>;
  body?: unknown;
}

export interface ControlRoute {
  method: "GET" | "POST";
  /** Under /_emu, with :name segments. */
  path: string;
  /** Returns the JSON answer; throws ControlError, WorkerActionError or DomainError to refuse. */
  handler: (req: ControlRequest) => unknown;
}

/**
 * This module's JSON routes as a table, so Express (controlRouter) and the server's fast path (fast.ts) serve the
 * same handlers.
 */
export function controlRoutes(emu: Emulator): ControlRoute[] {
  const { domain } = emu;
  return [
    { method: "GET", path: "/health", handler: () => ({ status: "ok" }) },
    {
      method: "POST",
      path: "/reset",
      handler: () => {
        emu.reset();
        return { status: "ok" };
      },
    },
    { method: "GET", path: "/clock", handler: () => clockState(emu) },
    {
      method: "POST",
      path: "/clock",
      handler: (req) => {
        const body = clockBody(jsonBody(req));
        if (body.advanceSeconds !== undefined) domain.clock.advance(body.advanceSeconds * 1000);
        if (body.set !== undefined) domain.clock.set(body.set * 1000);
        if (body.freeze !== undefined) domain.clock.freeze(body.freeze);
        return clockState(emu);
      },
    },
    {
      method: "POST",
      path: "/workers",
      handler: (req) => {
        const { WorkerId, ...attributes } = workerBody(jsonBody(req));
        const problem = workerAttributesProblem(attributes);
        if (problem) throw new ControlError(400, "InvalidWorkerAttribute", problem);
        const worker = domain.run((ctx) => workers.createWorker(ctx, { workerId: WorkerId, attributes }));
        return { WorkerId: worker.id };
      },
    },
    {
      method: "POST",
      path: "/workers/:workerId/accept",
      handler: (req) => {
        const { HITId } = acceptBody(jsonBody(req));
        const assignment = domain.run((ctx) => workers.acceptHit(ctx, String(req.params.workerId), HITId));
        return { AssignmentId: assignment.id };
      },
    },
    {
      method: "POST",
      path: "/assignments/:assignmentId/submit",
      handler: (req) => {
        const answer = submittedAnswer(jsonBody(req));
        const assignment = domain.run((ctx) => workers.submitAssignment(ctx, String(req.params.assignmentId), answer));
        return { AssignmentId: assignment.id, AssignmentStatus: assignment.status };
      },
    },
    {
      method: "POST",
      path: "/assignments/:assignmentId/return",
      handler: (req) => {
        const assignment = domain.run((ctx) => workers.returnAssignment(ctx, String(req.params.assignmentId)));
        return { AssignmentId: assignment.id, AssignmentStatus: assignment.status };
      },
    },
    {
      method: "POST",
      path: "/assignments/:assignmentId/abandon",
      handler: (req) => {
        const assignment = domain.run((ctx) => workers.abandonAssignment(ctx, String(req.params.assignmentId)));
        return { AssignmentId: assignment.id, AssignmentStatus: assignment.status };
      },
    },
    {
      method: "POST",
      path: "/layouts",
      handler: (req) => {
        const body = layoutBody(jsonBody(req));
        const id = body.HITLayoutId ?? newEntityId();
        domain.run((ctx) => ctx.store.putHitLayout({ id, template: body.Template }));
        return { HITLayoutId: id };
      },
    },
  ];
}

export function controlRouter(emu: Emulator): Router {
  // Required here, not at the top: the server's fast path imports this module for its table without Express.
  const router = (require("express") as typeof import("express")).Router();
  const { workerRouter } = require("./worker-routes") as typeof import("./worker-routes");
  const { domain } = emu;

  for (const { method, path, handler } of controlRoutes(emu)) {
    if (method === "GET") router.get(path, route((req) => handler(req)));
    else router.post(path, route((req) => handler(req)));
  }

  router.get(
    "/files/:assignmentId/:questionIdentifier",
    route((req, res) => {
      const expires = Number(req.query.expires);
      if (!Number.isFinite(expires) || expires * 1000 < domain.clock.now()) {
        throw new ControlError(403, "UrlExpired", "This file upload URL has expired; ask GetFileUploadURL for a new one.");
      }
      const file = domain.run((ctx) => ctx.store.getUploadedFile(String(req.params.assignmentId), String(req.params.questionIdentifier)));
      if (!file) throw new ControlError(404, "FileNotFound", "No file was uploaded for this assignment and question.");
      res.type(file.contentType).send(file.data);
    }),
  );

  router.use(workerRouter(emu));

  return router;
}

function clockState(emu: Emulator) {
  const { now, frozen } = emu.domain.clock.state();
  return { now: now / 1000, frozen };
}
