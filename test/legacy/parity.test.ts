// One state, two (three) front ends: the same scenario through the JSON API, legacy REST and legacy SOAP leaves
// the same state behind (GET /_emu/state without ids, sequence numbers and times), and a HIT made through one
// front end is managed through the others.
import {
  ApproveAssignmentCommand,
  CreateHITTypeCommand,
  CreateHITWithHITTypeCommand,
  DeleteHITCommand,
  GetHITCommand,
  ListHITsCommand,
  SendBonusCommand,
  UpdateExpirationForHITCommand,
} from "@aws-sdk/client-mturk";
import { acceptAndSubmit, HTML_QUESTION, startTestEmu, type TestEmu } from "../helpers/emu";
import { escapeXml, firstError, legacy, result, soapCall } from "./helpers";

let t: TestEmu;

beforeAll(async () => {
  t = await startTestEmu();
});
afterAll(() => t.close());
beforeEach(() => t.ctl("POST", "/_emu/reset"));

const TYPE = { Title: "Tag an image", Description: "One word", Reward: "0.25", AssignmentDurationInSeconds: 600, AutoApprovalDelayInSeconds: 86400, Keywords: "image, tag" };

/** The scenario's requester-side steps; the worker's are played through the control API in between. */
interface Driver {
  createHitType(): Promise<string>;
  createHit(hitTypeId: string): Promise<string>;
  approve(assignmentId: string): Promise<void>;
  bonus(workerId: string, assignmentId: string): Promise<void>;
  dispose(hitId: string): Promise<void>;
}

const json: Driver = {
  createHitType: async () => (await t.sdk.send(new CreateHITTypeCommand(TYPE))).HITTypeId!,
  createHit: async (HITTypeId) =>
    (await t.sdk.send(new CreateHITWithHITTypeCommand({ HITTypeId, Question: HTML_QUESTION, LifetimeInSeconds: 3600, MaxAssignments: 1, RequesterAnnotation: "parity" }))).HIT!.HITId!,
  approve: async (AssignmentId) => void (await t.sdk.send(new ApproveAssignmentCommand({ AssignmentId, RequesterFeedback: "Thanks" }))),
  bonus: async (WorkerId, AssignmentId) => void (await t.sdk.send(new SendBonusCommand({ WorkerId, AssignmentId, BonusAmount: "1.50", Reason: "Well done" }))),
  dispose: async (HITId) => void (await t.sdk.send(new DeleteHITCommand({ HITId }))),
};

async function rest(operation: string, params: Record<string, string | number>, element: string) {
  const r = await legacy(t, operation, params);
  expect(firstError(r)).toBeUndefined();
  return result(r, element);
}

const legacyRest: Driver = {
  createHitType: async () =>
    (
      await rest(
        "RegisterHITType",
        { Title: TYPE.Title, Description: TYPE.Description, "Reward.1.Amount": "0.25", "Reward.1.CurrencyCode": "USD", AssignmentDurationInSeconds: 600, AutoApprovalDelayInSeconds: 86400, Keywords: TYPE.Keywords },
        "RegisterHITTypeResult",
      )
    ).HITTypeId,
  createHit: async (HITTypeId) => (await rest("CreateHIT", { HITTypeId, Question: HTML_QUESTION, LifetimeInSeconds: 3600, MaxAssignments: 1, RequesterAnnotation: "parity" }, "HIT")).HITId,
  approve: async (AssignmentId) => void (await rest("ApproveAssignment", { AssignmentId, RequesterFeedback: "Thanks" }, "ApproveAssignmentResult")),
  bonus: async (WorkerId, AssignmentId) =>
    void (await rest("GrantBonus", { WorkerId, AssignmentId, "BonusAmount.1.Amount": "1.5", "BonusAmount.1.CurrencyCode": "USD", Reason: "Well done" }, "GrantBonusResult")),
  dispose: async (HITId) => void (await rest("DisposeHIT", { HITId }, "DisposeHITResult")),
};

async function soap(operation: string, inner: string, element: string) {
  const r = await soapCall(t, operation, inner);
  expect(r.text).not.toContain("<Errors>");
  const value = r.body[element];
  return Array.isArray(value) ? value[0] : value;
}

const legacySoap: Driver = {
  createHitType: async () =>
    (
      await soap(
        "RegisterHITType",
        `<AutoApprovalDelayInSeconds>86400</AutoApprovalDelayInSeconds><AssignmentDurationInSeconds>600</AssignmentDurationInSeconds><Reward><Amount>0.25</Amount><CurrencyCode>USD</CurrencyCode></Reward><Title>${TYPE.Title}</Title><Keywords>${TYPE.Keywords}</Keywords><Description>${TYPE.Description}</Description>`,
        "RegisterHITTypeResult",
      )
    ).HITTypeId,
  createHit: async (hitTypeId) =>
    (await soap("CreateHIT", `<HITTypeId>${hitTypeId}</HITTypeId><MaxAssignments>1</MaxAssignments><LifetimeInSeconds>3600</LifetimeInSeconds><Question>${escapeXml(HTML_QUESTION)}</Question><RequesterAnnotation>parity</RequesterAnnotation>`, "HIT")).HITId,
  approve: async (id) => void (await soap("ApproveAssignment", `<AssignmentId>${id}</AssignmentId><RequesterFeedback>Thanks</RequesterFeedback>`, "ApproveAssignmentResult")),
  bonus: async (workerId, id) =>
    void (await soap("GrantBonus", `<WorkerId>${workerId}</WorkerId><BonusAmount><Amount>1.50</Amount><CurrencyCode>USD</CurrencyCode></BonusAmount><AssignmentId>${id}</AssignmentId><Reason>Well done</Reason>`, "GrantBonusResult")),
  dispose: async (id) => void (await soap("DisposeHIT", `<HITId>${id}</HITId>`, "DisposeHITResult")),
};

async function scenario(driver: Driver): Promise<unknown> {
  await t.ctl("POST", "/_emu/reset");
  const hitTypeId = await driver.createHitType();
  const hitId = await driver.createHit(hitTypeId);
  const { WorkerId, AssignmentId } = await acceptAndSubmit(t, hitId, { answer: "cat" });
  await driver.approve(AssignmentId);
  await driver.bonus(WorkerId, AssignmentId);
  await driver.dispose(hitId);
  return normalise(await t.ctl("GET", "/_emu/state"));
}

/**
 * The state without what differs between runs: ids, sequence numbers, times, the clock, and the notification
 * delivery's bookkeeping (which moves on its own schedule). Workers are the one shared table the scenario fills.
 */
function normalise(state: any): unknown {
  const strip = (value: any): any => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !(key === "seq" || key === "id" || /_id$|Id$/.test(key) || /_ms$|Ms$/.test(key)))
        .map(([key, v]) => [key, strip(v)]),
    );
  };
  return { accounts: state.accounts.map((a: any) => strip(a.tables)), workers: strip(state.shared.workers) };
}

test("the scenario leaves the same state through the JSON API, legacy REST and legacy SOAP", async () => {
  const viaJson = await scenario(json);
  const viaRest = await scenario(legacyRest);
  const viaSoap = await scenario(legacySoap);
  expect(viaRest).toEqual(viaJson);
  expect(viaSoap).toEqual(viaJson);
  // The comparison has substance: the tables the scenario fills are there.
  const tables = (viaJson as any).accounts[0];
  expect(tables.hits).toEqual([expect.objectContaining({ status: "Disposed", requester_annotation: "parity", completed: 1 })]);
  expect(tables.assignments).toEqual([expect.objectContaining({ status: "Approved", requester_feedback: "Thanks" })]);
  expect(tables.bonuses).toEqual([expect.objectContaining({ amount: "1.50", reason: "Well done" })]);
  expect(tables.events.map((e: any) => e.type)).toEqual(["HITCreated", "AssignmentAccepted", "HITReviewable", "AssignmentSubmitted", "AssignmentApproved", "HITDisposed"]);
});

test("a HIT made through the legacy API is managed through the JSON API, and the other way round", async () => {
  const legacyHit = await legacyRest.createHit(await legacyRest.createHitType());
  const { HIT } = await t.sdk.send(new GetHITCommand({ HITId: legacyHit }));
  expect(HIT).toMatchObject({ Title: "Tag an image", Reward: "0.25", RequesterAnnotation: "parity", HITStatus: "Assignable" });
  const { HITs } = await t.sdk.send(new ListHITsCommand({}));
  expect(HITs!.map((h) => h.HITId)).toEqual([legacyHit]);
  await t.sdk.send(new UpdateExpirationForHITCommand({ HITId: legacyHit, ExpireAt: new Date(0) }));
  expect((await rest("GetHIT", { HITId: legacyHit }, "HIT")).HITStatus).toBe("Reviewable");

  const jsonHit = await json.createHit(await json.createHitType());
  const viaRest = await rest("GetHIT", { HITId: jsonHit, ResponseGroup: "Minimal,HITDetail,HITAssignmentSummary" }, "HIT");
  expect(viaRest).toMatchObject({ Title: "Tag an image", HITStatus: "Assignable", NumberOfAssignmentsAvailable: "1", Reward: { Amount: "0.25", FormattedPrice: "$0.25" } });
  const { WorkerId, AssignmentId } = await acceptAndSubmit(t, jsonHit);
  await legacyRest.approve(AssignmentId);
  await legacySoap.bonus(WorkerId, AssignmentId);
  await t.sdk.send(new DeleteHITCommand({ HITId: jsonHit }));
  const search = await rest("SearchHITs", {}, "SearchHITsResult");
  expect(search.TotalNumResults).toBe("1"); // the legacy HIT, expired; the JSON one is disposed
});
