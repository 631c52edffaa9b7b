// Review policies (MODERN-API.md §7, §2.26): validated at CreateHIT, run when assignments are submitted
// (ScoreMyKnownAnswers) and when the HIT becomes Reviewable (SimplePlurality), acting through the same
// commands as the requester, and reported by ListReviewPolicyResultsForHIT.
import {
  CreateHITCommand,
  CreateHITTypeCommand,
  CreateHITWithHITTypeCommand,
  GetAssignmentCommand,
  GetHITCommand,
  ListReviewPolicyResultsForHITCommand,
  RejectAssignmentCommand,
  UpdateExpirationForHITCommand,
  type CreateHITCommandInput,
  type ListReviewPolicyResultsForHITCommandInput,
  type PolicyParameter,
  type ReviewPolicy,
} from "@aws-sdk/client-mturk";
import { HTML_QUESTION, T0, accept, advance, expectError, hitInput, secs, submit, useEmu } from "../helpers/emu";

const KNOWN = "ScoreMyKnownAnswers/2011-09-01";
const PLURALITY = "SimplePlurality/2011-09-01";

const t = useEmu({ frozenAt: T0 });

const p = (Key: string, ...Values: string[]): PolicyParameter => ({ Key, Values });
const answerKey = (entries: Record<string, string[]>): PolicyParameter => ({
  Key: "AnswerKey",
  MapEntries: Object.entries(entries).map(([Key, Values]) => ({ Key, Values })),
});
const known = (...Parameters: PolicyParameter[]): ReviewPolicy => ({ PolicyName: KNOWN, Parameters });
const plural = (...Parameters: PolicyParameter[]): ReviewPolicy => ({ PolicyName: PLURALITY, Parameters });

const createHit = async (overrides: Record<string, unknown>) =>
  (await t.sdk.send(new CreateHITCommand(hitInput(overrides) as CreateHITCommandInput))).HIT!.HITId!;
const getHit = async (HITId: string) => (await t.sdk.send(new GetHITCommand({ HITId }))).HIT!;
const assignment = async (AssignmentId: string) => (await t.sdk.send(new GetAssignmentCommand({ AssignmentId }))).Assignment!;
const results = (HITId: string, more: Partial<ListReviewPolicyResultsForHITCommandInput> = {}) =>
  t.sdk.send(new ListReviewPolicyResultsForHITCommand({ HITId, ...more }));
/** A new worker accepts and submits these answers; returns the assignment id. */
const work = async (hitId: string, answers: Record<string, string>) => {
  const { AssignmentId } = await accept(t, hitId);
  await submit(t, AssignmentId, answers);
  return AssignmentId;
};


describe("policy validation at CreateHIT", () => {
  const refused = (policies: { AssignmentReviewPolicy?: ReviewPolicy; HITReviewPolicy?: ReviewPolicy }, message: string) =>
    expectError(createHit(policies), "ParameterValidationError", undefined, message);
  const goodKey = answerKey({ q1: ["cat"] });
  const goodPlurality = [p("QuestionIds", "q1", "q2"), p("QuestionAgreementThreshold", "50"), p("DisregardAssignmentIfRejected", "true")];

  it("accepts both policies with valid parameters", async () => {
    const hit = await createHit({
      AssignmentReviewPolicy: known(goodKey, p("ApproveIfKnownAnswerScoreIsAtLeast", "101"), p("RejectReason", "Wrong"), p("ExtendIfKnownAnswerScoreIsLessThan", "50")),
      HITReviewPolicy: plural(...goodPlurality, p("ExtendIfHITAgreementScoreIsLessThan", "100"), p("ExtendMaximumAssignments", "5"), p("ExtendMinimumTimeInSeconds", "60")),
    });
    expect(hit).toMatch(/^[A-Z0-9]{30}$/);
  });

  it("refuses unknown policies, unknown or repeated parameters, and missing required ones", async () => {
    await refused({ AssignmentReviewPolicy: { PolicyName: "ScoreYourKnownAnswers/2011-09-01", Parameters: [goodKey] } }, 'The value "ScoreYourKnownAnswers/2011-09-01" is not valid for the parameter AssignmentReviewPolicy.PolicyName.');
    await refused({ AssignmentReviewPolicy: plural(...goodPlurality) }, "parameter AssignmentReviewPolicy.PolicyName");
    await refused({ HITReviewPolicy: known(goodKey) }, `The value "${KNOWN}" is not valid for the parameter HITReviewPolicy.PolicyName.`);
    await refused({ AssignmentReviewPolicy: known(goodKey, p("ApproveIfScoreIsHigh", "5")) }, 'The value "ApproveIfScoreIsHigh" is not valid for the parameter AssignmentReviewPolicy.Parameters.2.Key.');
    await refused({ AssignmentReviewPolicy: known(goodKey, goodKey) }, "the parameter AnswerKey is given twice");
    await refused({ AssignmentReviewPolicy: known(p("ApproveIfKnownAnswerScoreIsAtLeast", "90")) }, `AssignmentReviewPolicy: ${KNOWN} requires the parameter AnswerKey.`);
    await refused({ HITReviewPolicy: plural(p("QuestionIds", "q1"), p("DisregardAssignmentIfRejected", "false")) }, "requires the parameter QuestionAgreementThreshold");
    await refused(
      { HITReviewPolicy: plural(...goodPlurality, p("ExtendIfHITAgreementScoreIsLessThan", "50"), p("ExtendMinimumTimeInSeconds", "60")) },
      "HITReviewPolicy: ExtendMaximumAssignments is required with ExtendIfHITAgreementScoreIsLessThan.",
    );
  });

  it("refuses values of the wrong kind or out of range", async () => {
    await refused(
      { AssignmentReviewPolicy: known(goodKey, p("ApproveIfKnownAnswerScoreIsAtLeast", "102")) },
      "The value 102 is invalid for AssignmentReviewPolicy.ApproveIfKnownAnswerScoreIsAtLeast. Valid values range from 0 to 101.",
    );
    await refused({ AssignmentReviewPolicy: known(goodKey, p("RejectIfKnownAnswerScoreIsLessThan", "high")) }, 'must be a whole number, not "high"');
    await refused({ AssignmentReviewPolicy: known(goodKey, p("ExtendMaximumAssignments", "1")) }, "Valid values range from 2 to 25.");
    await refused({ AssignmentReviewPolicy: known(goodKey, p("ExtendMinimumTimeInSeconds", "59")) }, "Valid values range from 60 to 31536000.");
    await refused({ AssignmentReviewPolicy: known(p("AnswerKey", "cat")) }, "takes MapEntries (QuestionIdentifier → answers), not Values");
    await refused({ AssignmentReviewPolicy: known(answerKey({ q1: [] })) }, "MapEntry 1 (q1) needs at least one value");
    await refused({ AssignmentReviewPolicy: known(goodKey, p("ApproveReason", "a", "b")) }, "takes exactly one value");
    await refused({ HITReviewPolicy: plural(p("QuestionIds", "q1"), p("QuestionAgreementThreshold", "50"), p("DisregardAssignmentIfRejected", "maybe")) }, 'must be true or false, not "maybe"');
    await refused({ HITReviewPolicy: plural(p("QuestionIds", ...Array.from({ length: 16 }, (_, i) => `q${i}`)), p("QuestionAgreementThreshold", "50"), p("DisregardAssignmentIfRejected", "true")) }, "between 1 and 15 question identifiers");
  });

  it("also checks the policies of CreateHITWithHITType", async () => {
    const { Title, Description, Reward, AssignmentDurationInSeconds } = hitInput();
    const HITTypeId = (await t.sdk.send(new CreateHITTypeCommand({ Title, Description, Reward, AssignmentDurationInSeconds }))).HITTypeId!;
    await expectError(
      t.sdk.send(new CreateHITWithHITTypeCommand({ HITTypeId, LifetimeInSeconds: 3600, Question: HTML_QUESTION, HITReviewPolicy: plural(p("QuestionIds", "q1")) })),
      "ParameterValidationError",
      undefined,
      "requires the parameter QuestionAgreementThreshold",
    );
  });
});

describe("ScoreMyKnownAnswers", () => {
  const policy = known(
    answerKey({ animal: ["cat"], number: ["7"] }),
    p("ApproveIfKnownAnswerScoreIsAtLeast", "100"),
    p("ApproveReason", "All known answers right"),
    p("RejectIfKnownAnswerScoreIsLessThan", "50"),
    p("RejectReason", "Known answers wrong"),
  );

  it("scores each submission on submit, approving, rejecting or leaving it, and reports results and actions", async () => {
    const hit = await createHit({ MaxAssignments: 5, AssignmentReviewPolicy: policy });
    const right = await work(hit, { animal: " cat ", number: "7" }); // whitespace is trimmed
    const half = await work(hit, { animal: "Cat", number: "7" }); // case counts
    const wrong = await work(hit, { animal: "dog", number: "8" });
    expect(await assignment(right)).toMatchObject({ AssignmentStatus: "Approved", RequesterFeedback: "All known answers right" });
    expect(secs((await assignment(right)).ApprovalTime)).toBe(T0);
    expect((await assignment(half)).AssignmentStatus).toBe("Submitted");
    expect(await assignment(wrong)).toMatchObject({ AssignmentStatus: "Rejected", RequesterFeedback: "Known answers wrong" });

    const out = await results(hit);
    expect(out.HITId).toBe(hit);
    expect(out.AssignmentReviewPolicy).toEqual({ PolicyName: KNOWN });
    expect(out.HITReviewPolicy).toBeUndefined();
    expect(out.HITReviewReport).toBeUndefined();
    const report = out.AssignmentReviewReport!;
    const resultsOf = (id: string) => report.ReviewResults!.filter((r) => r.SubjectId === id).map((r) => [r.QuestionId, r.Key, r.Value]);
    expect(resultsOf(right)).toEqual([["animal", "KnownAnswerCorrect", "1"], ["number", "KnownAnswerCorrect", "1"], [undefined, "KnownAnswerScore", "100"]]);
    expect(resultsOf(half)).toEqual([["animal", "KnownAnswerCorrect", "0"], ["number", "KnownAnswerCorrect", "1"], [undefined, "KnownAnswerScore", "50"]]);
    expect(resultsOf(wrong).at(-1)).toEqual([undefined, "KnownAnswerScore", "0"]);
    expect(report.ReviewResults!.every((r) => r.SubjectType === "Assignment")).toBe(true);
    const actions = report.ReviewActions!.map((a) => [a.ActionName, a.TargetId, a.TargetType, a.Status, a.Result]);
    expect(actions).toEqual([
      ["review", right, "Assignment", "Succeeded", "Reviewed 2 known answers; 2/2 correct"],
      ["approve", right, "Assignment", "Succeeded", "Approved"],
      ["review", half, "Assignment", "Succeeded", "Reviewed 2 known answers; 1/2 correct"],
      ["review", wrong, "Assignment", "Succeeded", "Reviewed 2 known answers; 0/2 correct"],
      ["reject", wrong, "Assignment", "Succeeded", "Rejected"],
    ]);
    // A result points at the review action that produced it.
    const reviewOfRight = report.ReviewActions!.find((a) => a.ActionName === "review" && a.TargetId === right)!;
    expect(report.ReviewResults!.filter((r) => r.SubjectId === right).every((r) => r.ActionId === reviewOfRight.ActionId)).toBe(true);
    expect(secs(reviewOfRight.CompleteTime)).toBe(T0);
  });

  it("records a Failed action with the command's error when the assignment is no longer Submitted", async () => {
    const hit = await createHit({
      AutoApprovalDelayInSeconds: 0,
      AssignmentReviewPolicy: known(answerKey({ animal: ["cat"] }), p("RejectIfKnownAnswerScoreIsLessThan", "100"), p("ApproveIfKnownAnswerScoreIsAtLeast", "101")),
    });
    const wrong = await work(hit, { animal: "dog" });
    expect((await assignment(wrong)).AssignmentStatus).toBe("Approved"); // approved on submission (delay 0)
    const reject = (await results(hit)).AssignmentReviewReport!.ReviewActions!.find((a) => a.ActionName === "reject")!;
    expect(reject).toMatchObject({
      TargetId: wrong,
      Status: "Failed",
      ErrorCode: "AWS.MechanicalTurk.InvalidAssignmentState",
      Result: "Assignment was in an invalid state for this operation.",
    });
    const hit2 = await createHit({ AutoApprovalDelayInSeconds: 0, AssignmentReviewPolicy: known(answerKey({ animal: ["cat"] }), p("ApproveIfKnownAnswerScoreIsAtLeast", "100")) });
    await work(hit2, { animal: "cat" });
    expect((await results(hit2)).AssignmentReviewReport!.ReviewActions!.find((a) => a.ActionName === "approve")).toMatchObject({ Status: "Succeeded", Result: "Already approved" });
  });

  it("extends the HIT by one assignment per low score, up to ExtendMaximumAssignments, keeping it open ExtendMinimumTimeInSeconds", async () => {
    const hit = await createHit({
      MaxAssignments: 1,
      LifetimeInSeconds: 600,
      AssignmentReviewPolicy: known(answerKey({ animal: ["cat"] }), p("ExtendIfKnownAnswerScoreIsLessThan", "100"), p("ExtendMaximumAssignments", "3"), p("ExtendMinimumTimeInSeconds", "3600")),
    });
    await work(hit, { animal: "dog" });
    let h = await getHit(hit);
    expect([h.MaxAssignments, h.HITStatus, h.NumberOfAssignmentsAvailable, secs(h.Expiration)]).toEqual([2, "Assignable", 1, T0 + 3600]);
    await advance(t, 100);
    await work(hit, { animal: "cow" });
    h = await getHit(hit);
    expect([h.MaxAssignments, secs(h.Expiration)]).toEqual([3, T0 + 100 + 3600]);
    await work(hit, { animal: "pig" });
    h = await getHit(hit);
    expect([h.MaxAssignments, h.HITStatus]).toEqual([3, "Reviewable"]);
    const extends_ = (await results(hit)).AssignmentReviewReport!.ReviewActions!.filter((a) => a.ActionName === "extend");
    expect(extends_.map((a) => [a.TargetId, a.TargetType, a.Status, a.Result])).toEqual([
      [hit, "HIT", "Succeeded", "Extended by one assignment"],
      [hit, "HIT", "Succeeded", "Extended by one assignment"],
    ]);
  });
});

describe("SimplePlurality", () => {
  const policy = (...more: PolicyParameter[]) =>
    plural(
      p("QuestionIds", "animal,number"),
      p("QuestionAgreementThreshold", "60"),
      p("DisregardAssignmentIfRejected", "true"),
      p("ApproveIfWorkerAgreementScoreIsAtLeast", "100"),
      p("RejectIfWorkerAgreementScoreIsLessThan", "50"),
      p("RejectReason", "You disagreed with the other workers"),
      ...more,
    );

  it("approves the majority and rejects the outlier once the HIT is Reviewable", async () => {
    const hit = await createHit({ MaxAssignments: 3, HITReviewPolicy: policy() });
    const a = await work(hit, { animal: "cat", number: "7" });
    const b = await work(hit, { animal: "cat", number: "7" });
    expect((await results(hit)).HITReviewReport).toEqual({ ReviewResults: [], ReviewActions: [] }); // not Reviewable yet
    const outlier = await work(hit, { animal: "dog", number: "8" });

    expect((await assignment(a)).AssignmentStatus).toBe("Approved");
    expect((await assignment(b)).AssignmentStatus).toBe("Approved");
    expect(await assignment(outlier)).toMatchObject({ AssignmentStatus: "Rejected", RequesterFeedback: "You disagreed with the other workers" });

    const out = await results(hit);
    expect(out.HITReviewPolicy).toEqual({ PolicyName: PLURALITY });
    const report = out.HITReviewReport!;
    const hitResults = report.ReviewResults!.filter((r) => r.SubjectType === "HIT").map((r) => [r.QuestionId, r.Key, r.Value]);
    expect(hitResults).toEqual([
      ["animal", "PluralityAnswer", "cat"],
      ["animal", "PluralityLevel", "66"],
      ["number", "PluralityAnswer", "7"],
      ["number", "PluralityLevel", "66"],
      [undefined, "HITAgreementScore", "100"],
    ]);
    const agreed = (id: string) => report.ReviewResults!.filter((r) => r.SubjectId === id && r.Key === "AgreedWithPlurality").map((r) => r.Value);
    expect([agreed(a), agreed(b), agreed(outlier)]).toEqual([["1", "1"], ["1", "1"], ["0", "0"]]);
    expect(report.ReviewResults!.find((r) => r.SubjectId === outlier && r.Key === "WorkerAgreementScore")!.Value).toBe("0");
    expect(report.ReviewActions!.map((x) => [x.ActionName, x.TargetId, x.Status, x.Result])).toEqual([
      ["review", hit, "Succeeded", "Reviewed 3 assignments; 2/2 questions agreed"],
      ["approve", a, "Succeeded", "Approved"],
      ["approve", b, "Succeeded", "Approved"],
      ["reject", outlier, "Succeeded", "Rejected"],
    ]);
  });

  it("runs when an expired HIT becomes Reviewable, disregarding rejected assignments", async () => {
    const hit = await createHit({ MaxAssignments: 5, HITReviewPolicy: policy() });
    const a = await work(hit, { animal: "cat", number: "7" });
    const b = await work(hit, { animal: "cat", number: "7" });
    const rejected = await work(hit, { animal: "dog", number: "8" });
    const c = await work(hit, { animal: "dog", number: "7" });
    await t.sdk.send(new RejectAssignmentCommand({ AssignmentId: rejected, RequesterFeedback: "Spam" }));
    await t.sdk.send(new UpdateExpirationForHITCommand({ HITId: hit, ExpireAt: new Date(0) }));
    expect((await getHit(hit)).HITStatus).toBe("Reviewable");
    const report = (await results(hit)).HITReviewReport!;
    expect(report.ReviewActions![0].Result).toBe("Reviewed 3 assignments; 2/2 questions agreed");
    expect([a, b, c].map((id) => report.ReviewResults!.find((r) => r.SubjectId === id && r.Key === "WorkerAgreementScore")!.Value)).toEqual(["100", "100", "50"]);
    expect((await assignment(a)).AssignmentStatus).toBe("Approved");
    expect((await assignment(c)).AssignmentStatus).toBe("Submitted"); // 50: neither approved nor rejected
    expect(report.ReviewResults!.some((r) => r.SubjectId === rejected)).toBe(false);
  });

  it("extends the HIT when agreement is too low, then decides once agreement is reached", async () => {
    const hit = await createHit({
      MaxAssignments: 2,
      LifetimeInSeconds: 600,
      HITReviewPolicy: policy(p("ExtendIfHITAgreementScoreIsLessThan", "100"), p("ExtendMaximumAssignments", "3"), p("ExtendMinimumTimeInSeconds", "7200")),
    });
    const cat = await work(hit, { animal: "cat", number: "7" });
    const dog = await work(hit, { animal: "dog", number: "7" });
    let h = await getHit(hit);
    expect([h.HITStatus, h.MaxAssignments, secs(h.Expiration)]).toEqual(["Assignable", 3, T0 + 7200]);
    expect((await assignment(cat)).AssignmentStatus).toBe("Submitted");
    const cat2 = await work(hit, { animal: "cat", number: "7" });
    h = await getHit(hit);
    expect([h.HITStatus, h.MaxAssignments]).toEqual(["Reviewable", 3]);
    expect([(await assignment(cat)).AssignmentStatus, (await assignment(cat2)).AssignmentStatus, (await assignment(dog)).AssignmentStatus]).toEqual([
      "Approved",
      "Approved",
      "Submitted", // agreed on 1 of 2 questions: 50, not below 50
    ]);
    const actions = (await results(hit)).HITReviewReport!.ReviewActions!.map((a) => [a.ActionName, a.Result]);
    expect(actions).toEqual([
      ["review", "Reviewed 2 assignments; 1/2 questions agreed"],
      ["extend", "Extended by one assignment"],
      ["review", "Reviewed 3 assignments; 2/2 questions agreed"],
      ["approve", "Approved"],
      ["approve", "Approved"],
    ]);
  });

  it("disregards assignments whose known-answer score is too low", async () => {
    const hit = await createHit({
      MaxAssignments: 3,
      AssignmentReviewPolicy: known(answerKey({ gold: ["yes"] })),
      HITReviewPolicy: policy(p("DisregardAssignmentIfKnownAnswerScoreIsLessThan", "100")),
    });
    const a = await work(hit, { gold: "yes", animal: "cat", number: "7" });
    const careless1 = await work(hit, { gold: "no", animal: "dog", number: "8" });
    const careless2 = await work(hit, { gold: "no", animal: "dog", number: "8" });
    const report = (await results(hit, { PolicyLevels: ["HIT"] })).HITReviewReport!;
    expect(report.ReviewActions![0].Result).toBe("Reviewed 1 assignment; 2/2 questions agreed");
    expect((await assignment(a)).AssignmentStatus).toBe("Approved");
    expect([(await assignment(careless1)).AssignmentStatus, (await assignment(careless2)).AssignmentStatus]).toEqual(["Submitted", "Submitted"]);
  });
});

describe("ListReviewPolicyResultsForHIT", () => {
  it("filters by level and by results or actions, and pages", async () => {
    const hit = await createHit({
      MaxAssignments: 2,
      AssignmentReviewPolicy: known(answerKey({ animal: ["cat"] })),
      HITReviewPolicy: plural(p("QuestionIds", "animal"), p("QuestionAgreementThreshold", "50"), p("DisregardAssignmentIfRejected", "false")),
    });
    await work(hit, { animal: "cat" });
    await work(hit, { animal: "cat" });
    const hitOnly = await results(hit, { PolicyLevels: ["HIT"] });
    expect(hitOnly.AssignmentReviewReport).toBeUndefined();
    expect(hitOnly.AssignmentReviewPolicy).toBeUndefined();
    expect(hitOnly.HITReviewReport!.ReviewResults!.length).toBeGreaterThan(0);
    const actionsOnly = await results(hit, { RetrieveResults: false });
    expect(actionsOnly.AssignmentReviewReport!.ReviewResults).toBeUndefined();
    expect(actionsOnly.AssignmentReviewReport!.ReviewActions!.length).toBe(2);
    const resultsOnly = await results(hit, { RetrieveActions: false });
    expect(resultsOnly.HITReviewReport!.ReviewActions).toBeUndefined();

    const everything = await results(hit);
    const count = (r: typeof everything) =>
      [r.AssignmentReviewReport, r.HITReviewReport].reduce((n, x) => n + (x?.ReviewResults?.length ?? 0) + (x?.ReviewActions?.length ?? 0), 0);
    const total = count(everything);
    let seen = 0;
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await results(hit, { MaxResults: 3, NextToken });
      seen += count(page);
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    expect(seen).toBe(total);
    expect(pages).toBe(Math.ceil(total / 3));
  });

  it("answers for a HIT without policies, and refuses other requesters' HITs", async () => {
    const hit = await createHit({});
    expect(await results(hit)).toEqual({ $metadata: expect.anything(), HITId: hit });
    const other = t.client({ accessKeyId: "AKIAOTHERREQUESTER04", secretAccessKey: "x" });
    await expectError(other.send(new ListReviewPolicyResultsForHITCommand({ HITId: hit })), "UnrecognizedClientException");
    other.destroy();
    await expectError(results("3NOSUCHHIT00000000000000000000"), "RequestError", "AWS.MechanicalTurk.HITDoesNotExist");
  });
});
