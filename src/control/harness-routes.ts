// Control endpoints for the test harness: state dump, snapshots, request log, fault injection.
import { Router } from "express";
import type { Emulator } from "../emulator";
import { toHIT } from "../api/convert";
import { getWorker } from "../domain/commands/workers";
import type { Worker } from "../domain/records";
import type { FaultRuleInput } from "../harness/faults";
import { FixtureError } from "../harness/fixtures/load";
import { fixtureSchema } from "../harness/fixtures/schema";
import { ControlError, jsonBody, route } from "./http";
import { bodyValidator } from "./validate";

const faultRule = bodyValidator<FaultRuleInput>({
  type: "object",
  additionalProperties: false,
  required: ["effect"],
  properties: {
    protocol: { type: "string" },
    operation: { type: "string" },
    accessKeyId: { type: "string" },
    effect: { enum: ["throttle", "serviceFault", "unavailable", "latency"] },
    latencyMs: { type: "integer", minimum: 0, maximum: 600000 },
    count: { type: "integer", minimum: 1 },
    probability: { type: "number", minimum: 0, maximum: 1 },
    seed: { type: "integer" },
  },
});

const snapshotName = bodyValidator<{ name: string }>({
  type: "object",
  additionalProperties: false,
  required: ["name"],
  properties: { name: { type: "string", minLength: 1, maxLength: 200 } },
});

export function harnessRouter(emu: Emulator): Router {
  const router = Router();

  router.get("/state", route(() => emu.state()));

  router.post(
    "/seed",
    route((req) => {
      const text = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
      if (text.trim() === "") throw new ControlError(400, "InvalidFixture", "The request body must be a fixture document (JSON or YAML).");
      try {
        return emu.seed(text);
      } catch (err) {
        if (err instanceof FixtureError) throw new ControlError(400, "InvalidFixture", err.message);
        throw err;
      }
    }),
  );
  router.get("/fixture-schema", route(() => fixtureSchema()));

  router.get(
    "/hits",
    route(() => ({
      hits: emu.domain.run((ctx) =>
        emu.accounts.list().flatMap((account) => ctx.store.listHits(account.requesterId, { limit: 1_000_000 }).items.map(toHIT).map((hit) => ({ ...hit, AccessKeyId: account.accessKeyId }))),
      ),
    })),
  );

  router.get("/workers", route(() => ({ workers: emu.domain.run((ctx) => ctx.store.listWorkers()).map(workerView) })));
  router.get("/workers/:workerId", route((req) => workerView(emu.domain.run((ctx) => getWorker(ctx, String(req.params.workerId))))));

  router.post("/snapshot", route((req) => emu.snapshot(snapshotName(jsonBody(req)).name)));
  router.post(
    "/restore",
    route((req) => {
      const { name } = snapshotName(jsonBody(req));
      if (!emu.restore(name)) throw new ControlError(404, "SnapshotNotFound", `No snapshot is named "${name}".`);
      return { name, restored: true };
    }),
  );

  router.get(
    "/requests",
    route((req) => {
      const since = req.query.since === undefined ? undefined : Number(req.query.since);
      const str = (v: unknown) => (typeof v === "string" ? v : undefined);
      return { requests: emu.requestLog.list({ operation: str(req.query.operation), protocol: str(req.query.protocol), since }) };
    }),
  );
  router.delete(
    "/requests",
    route(() => {
      emu.requestLog.clear();
      return {};
    }),
  );

  router.get("/faults", route(() => ({ faults: emu.faults.list() })));
  router.post("/faults", route((req) => emu.faults.add(faultRule(jsonBody(req)))));
  router.delete(
    "/faults",
    route(() => {
      emu.faults.clear();
      return { faults: [] };
    }),
  );

  return router;
}

const workerView = (worker: Worker) => ({ WorkerId: worker.id, CreationTime: worker.createdMs / 1000, ...worker.attributes });
