// What happens to HITs after creation, through the real @aws-sdk/client-mturk: ListHITs pagination,
// ListReviewableHITs, UpdateHITReviewStatus, UpdateHITTypeOfHIT, UpdateExpirationForHIT,
// CreateAdditionalAssignmentsForHIT and DeleteHIT (MODERN-API.md §1.4 pagination, §2.4, §2.10, §2.22, §2.27, §2.35–2.37, §3.1).
import {
  ApproveAssignmentCommand,
  CreateAdditionalAssignmentsForHITCommand,
  CreateHITCommand,
  CreateHITTypeCommand,
  CreateHITWithHITTypeCommand,
  DeleteHITCommand,
  GetAssignmentCommand,
  GetHITCommand,
  ListHITsCommand,
  ListReviewableHITsCommand,
  RejectAssignmentCommand,
  UpdateExpirationForHITCommand,
  UpdateHITReviewStatusCommand,
  UpdateHITTypeOfHITCommand,
  paginateListHITs,
  type CreateHITCommandInput,
  type HIT,
} from "@aws-sdk/client-mturk";
import { HTML_QUESTION, T0, accept, acceptAndSubmit, expectError, hitInput, secs, useEmu } from "../helpers/emu";

const t = useEmu({ frozenAt: T0 });

const createHit = async (overrides: Record<string, unknown> = {}): Promise<HIT> =>
  (await t.sdk.send(new CreateHITCommand(hitInput(overrides) as CreateHITCommandInput))).HIT!;
const getHit = async (HITId: string): Promise<HIT> => (await t.sdk.send(new GetHITCommand({ HITId }))).HIT!;
const expireNow = (HITId: string) => t.sdk.send(new UpdateExpirationForHITCommand({ HITId, ExpireAt: new Date((T0 - 60) * 1000) }));
const expireAt = (HITId: string, epochS: number) => t.sdk.send(new UpdateExpirationForHITCommand({ HITId, ExpireAt: new Date(epochS * 1000) }));
const reviewStatus = (HITId: string, Revert?: boolean) => t.sdk.send(new UpdateHITReviewStatusCommand({ HITId, Revert }));
const addAssignments = (HITId: string, NumberOfAdditionalAssignments: number, UniqueRequestToken?: string) =>
  t.sdk.send(new CreateAdditionalAssignmentsForHITCommand({ HITId, NumberOfAdditionalAssignments, UniqueRequestToken }));
const approve = (AssignmentId: string) => t.sdk.send(new ApproveAssignmentCommand({ AssignmentId }));
const counters = (h: HIT) => [h.HITStatus, h.NumberOfAssignmentsPending, h.NumberOfAssignmentsAvailable, h.NumberOfAssignmentsCompleted];

/** Creates `n` HITs of one type, in order. */
async function createMany(n: number): Promise<string[]> {
  const { HITTypeId } = await t.sdk.send(new CreateHITTypeCommand({ Title: "t", Description: "d", Reward: "0.01", AssignmentDurationInSeconds: 60 }));
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push((await t.sdk.send(new CreateHITWithHITTypeCommand({ HITTypeId, LifetimeInSeconds: 3600, Question: HTML_QUESTION }))).HIT!.HITId!);
  }
  return ids;
}


describe("ListHITs pagination", () => {
  it("pages 25 HITs as 10/10/5 with no duplicates and no NextToken on the last page", async () => {
    const ids = await createMany(25);
    const pages: string[][] = [];
    let NextToken: string | undefined;
    do {
      const out = await t.sdk.send(new ListHITsCommand({ MaxResults: 10, NextToken }));
      expect(out.NumResults).toBe(out.HITs!.length);
      pages.push(out.HITs!.map((h) => h.HITId!));
      NextToken = out.NextToken;
      if (NextToken !== undefined) expect(NextToken.length).toBeGreaterThanOrEqual(1);
    } while (NextToken !== undefined && pages.length < 10);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    const all = pages.flat();
    expect(new Set(all).size).toBe(25);
    expect([...all].sort()).toEqual([...ids].sort());
  });

  it("shows a HIT created between two pages exactly once, at the end", async () => {
    await createMany(25);
    const first = await t.sdk.send(new ListHITsCommand({ MaxResults: 10 }));
    const late = (await createHit()).HITId!;
    const seen = first.HITs!.map((h) => h.HITId!);
    let NextToken = first.NextToken;
    while (NextToken !== undefined) {
      const out = await t.sdk.send(new ListHITsCommand({ MaxResults: 10, NextToken }));
      seen.push(...out.HITs!.map((h) => h.HITId!));
      NextToken = out.NextToken;
    }
    expect(seen).toHaveLength(26);
    expect(new Set(seen).size).toBe(26);
    expect(seen.filter((id) => id === late)).toHaveLength(1);
    expect(seen[25]).toBe(late);
  });

  it("refuses a NextToken it did not issue (forged, or from another operation)", async () => {
    await createMany(3);
    await expectError(t.sdk.send(new ListHITsCommand({ NextToken: "Zm9yZ2VkLXRva2Vu" })), "ParameterValidationError", undefined, /NextToken/);
    for (const id of await createMany(2)) await expireNow(id);
    const reviewable = await t.sdk.send(new ListReviewableHITsCommand({ MaxResults: 1 }));
    expect(reviewable.NextToken).toBeDefined();
    await expectError(t.sdk.send(new ListHITsCommand({ NextToken: reviewable.NextToken })), "ParameterValidationError", undefined, /NextToken/);
  });

  it("lets the SDK paginator paginateListHITs run to completion", async () => {
    await createMany(25);
    const sizes: number[] = [];
    for await (const page of paginateListHITs({ client: t.sdk, pageSize: 10 }, {})) {
      sizes.push(page.HITs!.length);
      if (sizes.length > 10) throw new Error("the paginator does not terminate");
    }
    expect(sizes).toEqual([10, 10, 5]);
  });
});

describe("ListReviewableHITs and UpdateHITReviewStatus", () => {
  it("lists Reviewable HITs by default, Reviewing ones on request, and filters by HITTypeId", async () => {
    const [a, b] = await createMany(2);
    const c = (await createHit({ Title: "Another type" })).HITId!;
    const open = (await createHit()).HITId!;
    for (const id of [a, b, c]) await expireNow(id);
    const list = async (input: { Status?: "Reviewable" | "Reviewing"; HITTypeId?: string } = {}) =>
      (await t.sdk.send(new ListReviewableHITsCommand(input))).HITs!.map((h) => h.HITId).sort();

    expect(await list()).toEqual([a, b, c].sort());
    expect(await list()).not.toContain(open);
    expect(await list({ HITTypeId: (await getHit(a)).HITTypeId })).toEqual([a, b].sort());
    expect(await list({ Status: "Reviewing" })).toEqual([]);

    await reviewStatus(c);
    expect((await getHit(c)).HITStatus).toBe("Reviewing");
    expect(await list({ Status: "Reviewing" })).toEqual([c]);
    expect(await list()).toEqual([a, b].sort());

    await reviewStatus(c, true);
    expect((await getHit(c)).HITStatus).toBe("Reviewable");
    expect(await list({ Status: "Reviewing" })).toEqual([]);
  });

  it("refuses review-status changes from the wrong state", async () => {
    const hit = (await createHit()).HITId!;
    await expectError(reviewStatus(hit), "RequestError", "AWS.MechanicalTurk.InvalidHITState", "'Assignable'");
    await expireNow(hit);
    await expectError(reviewStatus(hit, true), "RequestError", "AWS.MechanicalTurk.InvalidHITState", "'Reviewable'");
    await reviewStatus(hit);
    await expectError(reviewStatus(hit), "RequestError", "AWS.MechanicalTurk.InvalidHITState", "'Reviewing'");
    expect((await getHit(hit)).HITStatus).toBe("Reviewing");
  });
});

describe("UpdateHITTypeOfHIT", () => {
  it("re-points a HIT at another type, whose title and reward GetHIT then shows", async () => {
    const hit = await createHit({ Title: "Old title", Reward: "0.25" });
    const { HITTypeId } = await t.sdk.send(
      new CreateHITTypeCommand({ Title: "New title", Description: "New description", Reward: "1.5", AssignmentDurationInSeconds: 900 }),
    );
    await t.sdk.send(new UpdateHITTypeOfHITCommand({ HITId: hit.HITId, HITTypeId }));
    const after = await getHit(hit.HITId!);
    expect(after).toMatchObject({ HITTypeId, Title: "New title", Description: "New description", Reward: "1.50", AssignmentDurationInSeconds: 900 });
    expect(after.HITGroupId).not.toBe(hit.HITGroupId);
    expect(after.Expiration).toEqual(hit.Expiration);
    await expectError(
      t.sdk.send(new UpdateHITTypeOfHITCommand({ HITId: hit.HITId, HITTypeId: "3ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ" })),
      "RequestError",
      "AWS.MechanicalTurk.HITTypeDoesNotExist",
    );
  });
});

describe("UpdateExpirationForHIT", () => {
  it("expires a HIT with no work pending at once: Reviewable", async () => {
    const hit = (await createHit()).HITId!;
    const out = await expireNow(hit);
    expect(out.$metadata.httpStatusCode).toBe(200);
    const after = await getHit(hit);
    expect(after.HITStatus).toBe("Reviewable");
    expect(secs(after.Expiration)).toBeLessThanOrEqual(T0);
  });

  it("leaves an expired HIT Unassignable while a worker holds an assignment", async () => {
    const hit = (await createHit()).HITId!;
    await accept(t, hit);
    await expireNow(hit);
    expect(counters(await getHit(hit)).slice(0, 2)).toEqual(["Unassignable", 1]);
  });

  it("extends an expired HIT by at least 60 s back to Assignable", async () => {
    const hit = (await createHit()).HITId!;
    await expireNow(hit);
    const expiredAt = secs((await getHit(hit)).Expiration)!;
    await expireAt(hit, expiredAt + 3600);
    const after = await getHit(hit);
    expect(after.HITStatus).toBe("Assignable");
    expect(secs(after.Expiration)).toBe(expiredAt + 3600);
  });

  it("refuses a shortening or a too-small extension with the service's range text", async () => {
    const hit = await createHit();
    const expiration = secs(hit.Expiration)!;
    await expectError(
      expireAt(hit.HITId!, expiration - 1800),
      "ParameterValidationError",
      undefined,
      /^The value -1800 is invalid for ExpirationIncrementInSeconds\. Valid values range from 60 to 31536000\. \(\d{13}\)$/,
    );
    await expectError(expireAt(hit.HITId!, expiration + 59), "ParameterValidationError", undefined, "The value 59 is invalid for ExpirationIncrementInSeconds.");
    expect(secs((await getHit(hit.HITId!)).Expiration)).toBe(expiration);
  });

  it("refuses the same extension twice with the idempotency-token error", async () => {
    const hit = await createHit();
    const target = secs(hit.Expiration)! + 7200;
    await expireAt(hit.HITId!, target);
    expect(secs((await getHit(hit.HITId!)).Expiration)).toBe(target);
    await expectError(
      expireAt(hit.HITId!, target),
      "RequestError",
      undefined,
      new RegExp(`^The idempotency token "${hit.HITId}[A-Z][a-z]{2} [A-Z][a-z]{2} \\d\\d \\d\\d:\\d\\d:\\d\\d UTC \\d{4}" has already been processed\\. \\(\\d{13}\\)$`),
    );
  });
});

describe("CreateAdditionalAssignmentsForHIT", () => {
  it("raises MaxAssignments and the available count", async () => {
    const hit = (await createHit({ MaxAssignments: 2 })).HITId!;
    await accept(t, hit);
    await addAssignments(hit, 3);
    const after = await getHit(hit);
    expect(after.MaxAssignments).toBe(5);
    expect(counters(after)).toEqual(["Assignable", 1, 4, 0]);
  });

  it("refuses taking a HIT with fewer than 10 assignments to 10 or more", async () => {
    const hit = (await createHit({ MaxAssignments: 5 })).HITId!;
    await expectError(addAssignments(hit, 5), "RequestError", "AWS.MechanicalTurk.InvalidMaximumAssignmentsIncrease");
    expect((await getHit(hit)).MaxAssignments).toBe(5);
    await addAssignments(hit, 4);
    expect((await getHit(hit)).MaxAssignments).toBe(9);
  });

  it("makes a Reviewable HIT Assignable again", async () => {
    const hit = (await createHit({ MaxAssignments: 1 })).HITId!;
    const { AssignmentId } = await acceptAndSubmit(t, hit);
    await approve(AssignmentId);
    expect(counters(await getHit(hit))).toEqual(["Reviewable", 0, 0, 1]);
    await addAssignments(hit, 1);
    expect(counters(await getHit(hit))).toEqual(["Assignable", 0, 1, 1]);
  });

  it("refuses a repeated UniqueRequestToken", async () => {
    const hit = (await createHit({ MaxAssignments: 1 })).HITId!;
    await addAssignments(hit, 1, "more-1");
    await expectError(addAssignments(hit, 1, "more-1"), "RequestError");
    expect((await getHit(hit)).MaxAssignments).toBe(2);
  });
});

describe("DeleteHIT", () => {
  it("refuses an Assignable HIT with the service's exact text", async () => {
    const hit = (await createHit()).HITId!;
    await expectError(
      t.sdk.send(new DeleteHITCommand({ HITId: hit })),
      "RequestError",
      "AWS.MechanicalTurk.InvalidHITState",
      /^This HIT is currently in the state 'Assignable'\. {2}This operation can be called with a status of: Reviewing, Reviewable \(\d{13}\)$/,
    );
    expect((await getHit(hit)).HITStatus).toBe("Assignable");
  });

  it("refuses a Reviewable HIT with an unreviewed submission, then disposes of it once all is reviewed", async () => {
    const hit = (await createHit({ MaxAssignments: 2 })).HITId!;
    const a = await acceptAndSubmit(t, hit);
    const b = await acceptAndSubmit(t, hit);
    await approve(a.AssignmentId);
    expect((await getHit(hit)).HITStatus).toBe("Reviewable");
    await expectError(
      t.sdk.send(new DeleteHITCommand({ HITId: hit })),
      "RequestError",
      "AWS.MechanicalTurk.InvalidHITState",
      "This HIT is currently in the state 'Reviewable'.  This operation can be called with a status of: Reviewing, Reviewable (",
    );
    await t.sdk.send(new RejectAssignmentCommand({ AssignmentId: b.AssignmentId, RequesterFeedback: "Empty answer" }));

    const out = await t.sdk.send(new DeleteHITCommand({ HITId: hit }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect((await t.sdk.send(new ListHITsCommand({}))).HITs ?? []).toEqual([]);
    expect((await getHit(hit)).HITStatus).toBe("Disposed");
    await expectError(t.sdk.send(new GetAssignmentCommand({ AssignmentId: a.AssignmentId })), "RequestError", "AWS.MechanicalTurk.HITDoesNotExist");
  });

  it("deletes an expired HIT that never had work, and a Reviewing one", async () => {
    const [x, y] = [(await createHit()).HITId!, (await createHit()).HITId!];
    await expireNow(x);
    await expireNow(y);
    await reviewStatus(y);
    await t.sdk.send(new DeleteHITCommand({ HITId: x }));
    await t.sdk.send(new DeleteHITCommand({ HITId: y }));
    expect([(await getHit(x)).HITStatus, (await getHit(y)).HITStatus]).toEqual(["Disposed", "Disposed"]);
  });
});
