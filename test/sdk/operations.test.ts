// Every operation of the model has a handler, and each answers through the JSON API: called here with input
// that passes the model's validation, so what answers is the operation itself (a result or a domain error),
// never "not supported".
import * as mturk from "@aws-sdk/client-mturk";
import { OPERATION_NAMES } from "../../src/api/generated/operations";
import { OPERATIONS } from "../../src/api/operations";
import { HTML_QUESTION, T0, accept, freezeAt, hitInput, newWorker, startTestEmu, submit, type TestEmu } from "../helpers/emu";

let t: TestEmu;

beforeAll(async () => {
  t = await startTestEmu();
  await freezeAt(t, T0);
});
afterAll(() => t.close());

it("the operation table has a handler for each of the model's 39 operations", () => {
  expect(OPERATION_NAMES).toHaveLength(39);
  const missing = OPERATION_NAMES.filter((name) => typeof (OPERATIONS as Record<string, unknown>)[name] !== "function");
  expect(missing).toEqual([]);
  expect(Object.keys(OPERATIONS).sort()).toEqual([...OPERATION_NAMES].sort());
});

it("every operation answers through the JSON API", async () => {
  const send = (name: string, input: object): Promise<any> => {
    const Command = (mturk as unknown as Record<string, new (input: object) => any>)[`${name}Command`];
    return t.sdk.send(Command ? new Command(input) : (undefined as never));
  };
  // A little of everything to operate on.
  const { Title, Description, Reward, AssignmentDurationInSeconds } = hitInput();
  const HITTypeId = (await send("CreateHITType", { Title, Description, Reward, AssignmentDurationInSeconds })).HITTypeId;
  const HITId = (await send("CreateHIT", hitInput({ MaxAssignments: 3 }))).HIT.HITId;
  const first = await accept(t, HITId);
  await submit(t, first.AssignmentId);
  const second = await accept(t, HITId);
  await submit(t, second.AssignmentId);
  const QualificationTypeId = (await send("CreateQualificationType", { Name: "Ops", Description: "d", QualificationTypeStatus: "Active", RetryDelayInSeconds: 0 })).QualificationType
    .QualificationTypeId;
  const doomed = (await send("CreateQualificationType", { Name: "Doomed", Description: "d", QualificationTypeStatus: "Active" })).QualificationType.QualificationTypeId;
  const WorkerId = await newWorker(t);
  const request = async () =>
    (await t.ctl("POST", `/_emu/workers/${await newWorker(t)}/qualification-requests`, { QualificationTypeId })).QualificationRequestId as string;
  const [toAccept, toReject] = [await request(), await request()];
  const Notification = { Destination: "https://sqs.us-east-1.amazonaws.com/123456789012/q", Transport: "SQS", Version: "2006-05-05", EventTypes: ["HITCreated"] };

  type Outcome = "ok" | [name: string, code?: string];
  const calls: Record<string, [object, Outcome]> = {
    AcceptQualificationRequest: [{ QualificationRequestId: toAccept, IntegerValue: 3 }, "ok"],
    ApproveAssignment: [{ AssignmentId: first.AssignmentId }, "ok"],
    AssociateQualificationWithWorker: [{ QualificationTypeId, WorkerId, IntegerValue: 1 }, "ok"],
    CreateAdditionalAssignmentsForHIT: [{ HITId, NumberOfAdditionalAssignments: 1 }, "ok"],
    CreateHIT: [hitInput(), "ok"],
    CreateHITType: [{ Title: "Other", Description, Reward, AssignmentDurationInSeconds }, "ok"],
    CreateHITWithHITType: [{ HITTypeId, LifetimeInSeconds: 3600, Question: HTML_QUESTION }, "ok"],
    CreateQualificationType: [{ Name: "Another", Description: "d", QualificationTypeStatus: "Inactive" }, "ok"],
    CreateWorkerBlock: [{ WorkerId, Reason: "Testing" }, "ok"],
    DeleteHIT: [{ HITId }, ["RequestError", "AWS.MechanicalTurk.InvalidHITState"]],
    DeleteQualificationType: [{ QualificationTypeId: doomed }, "ok"],
    DeleteWorkerBlock: [{ WorkerId }, "ok"],
    DisassociateQualificationFromWorker: [{ QualificationTypeId, WorkerId, Reason: "Testing" }, "ok"],
    GetAccountBalance: [{}, "ok"],
    GetAssignment: [{ AssignmentId: first.AssignmentId }, "ok"],
    GetFileUploadURL: [{ AssignmentId: first.AssignmentId, QuestionIdentifier: "answer" }, ["ParameterValidationError"]],
    GetHIT: [{ HITId }, "ok"],
    GetQualificationScore: [{ QualificationTypeId, WorkerId }, "ok"],
    GetQualificationType: [{ QualificationTypeId }, "ok"],
    ListAssignmentsForHIT: [{ HITId }, "ok"],
    ListBonusPayments: [{ HITId }, "ok"],
    ListHITs: [{}, "ok"],
    ListHITsForQualificationType: [{ QualificationTypeId }, "ok"],
    ListQualificationRequests: [{ QualificationTypeId }, "ok"],
    ListQualificationTypes: [{ MustBeRequestable: false }, "ok"],
    ListReviewPolicyResultsForHIT: [{ HITId }, "ok"],
    ListReviewableHITs: [{}, "ok"],
    ListWorkerBlocks: [{}, "ok"],
    ListWorkersWithQualificationType: [{ QualificationTypeId }, "ok"],
    NotifyWorkers: [{ Subject: "Hi", MessageText: "Hello", WorkerIds: [first.WorkerId] }, "ok"],
    RejectAssignment: [{ AssignmentId: second.AssignmentId, RequesterFeedback: "No" }, "ok"],
    RejectQualificationRequest: [{ QualificationRequestId: toReject, Reason: "No" }, "ok"],
    SendBonus: [{ WorkerId: first.WorkerId, BonusAmount: "1.00", AssignmentId: first.AssignmentId, Reason: "Thanks" }, "ok"],
    SendTestEventNotification: [{ Notification, TestEventType: "Ping" }, "ok"],
    UpdateExpirationForHIT: [{ HITId, ExpireAt: new Date((T0 + 7200) * 1000) }, "ok"],
    UpdateHITReviewStatus: [{ HITId }, ["RequestError", "AWS.MechanicalTurk.InvalidHITState"]],
    UpdateHITTypeOfHIT: [{ HITId, HITTypeId }, "ok"],
    UpdateNotificationSettings: [{ HITTypeId, Notification, Active: true }, "ok"],
    UpdateQualificationType: [{ QualificationTypeId, Description: "Changed" }, "ok"],
  };
  expect(Object.keys(calls).sort()).toEqual([...OPERATION_NAMES].sort());

  const outcomes: Record<string, Outcome> = {};
  for (const name of OPERATION_NAMES) {
    try {
      const out = await send(name, calls[name][0]);
      expect(out.$metadata.httpStatusCode).toBe(200);
      outcomes[name] = "ok";
    } catch (e: any) {
      expect(e.message).not.toContain("not supported");
      outcomes[name] = e.TurkErrorCode ? [e.name, e.TurkErrorCode] : [e.name];
    }
  }
  expect(outcomes).toEqual(Object.fromEntries(Object.entries(calls).map(([name, [, outcome]]) => [name, outcome])));
});
