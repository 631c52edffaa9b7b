// Every request-making method of boto 2.49's MTurkConnection (LEGACY-API.md §1.5: 39 methods; get_all_hits and
// get_all_qualifications_for_qual_type are broken on Python 3 and left out), through real boto 2 over REST with
// its SignatureVersion 1 signatures, against a listening emulator. Results are checked as boto parses them.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ListBonusPaymentsCommand, GetHITCommand as SdkGetHIT } from "@aws-sdk/client-mturk";
import { accept, acceptAndSubmit, newWorker, startTestEmu, submit, type TestEmu } from "../helpers/emu";
import { boto } from "./helpers";

/** The 39 methods the suite must have called (LEGACY-API.md §1.5). */
const BOTO_METHODS = [
  "get_account_balance", "register_hit_type", "set_email_notification", "set_rest_notification", "set_sqs_notification",
  "send_test_event_notification", "create_hit", "change_hit_type_of_hit", "get_reviewable_hits", "search_hits", "get_assignment",
  "get_assignments", "approve_assignment", "reject_assignment", "approve_rejected_assignment", "get_file_upload_url", "get_hit",
  "set_reviewing", "disable_hit", "dispose_hit", "expire_hit", "extend_hit", "get_help", "grant_bonus", "block_worker", "unblock_worker",
  "notify_workers", "create_qualification_type", "get_qualification_type", "get_qualifications_for_qualification_type",
  "update_qualification_type", "dispose_qualification_type", "search_qualification_types", "get_qualification_requests",
  "grant_qualification", "revoke_qualification", "assign_qualification", "get_qualification_score", "update_qualification_score",
];

const called = new Set<string>();

let t: TestEmu;

/** boto with the calls it makes recorded: every method name that reaches _process_request. */
async function run<T = any>(code: string): Promise<T> {
  const wrapped = `
import inspect
__calls = []
__orig = MTurkConnection._process_request
def __record(self, request_type, params, marker_elems=None):
    for frame in inspect.stack()[1:4]:
        if frame.function in ${JSON.stringify(BOTO_METHODS)}:
            __calls.append(frame.function)
            break
    return __orig(self, request_type, params, marker_elems)
MTurkConnection._process_request = __record
__out = out
def out(value):
    __out({"value": value, "calls": __calls})
${code}`;
  const { value, calls } = await boto<{ value: T; calls: string[] }>(t, wrapped);
  calls.forEach((c) => called.add(c));
  return value;
}

const EXTERNAL = `ExternalQuestion('https://example.com/task', 600)`;

let typeCount = 0;

/** A HIT of a HIT type of its own, through boto; returns their ids. */
async function createHit(options: { maxAssignments?: number; lifetime?: number } = {}): Promise<{ hitTypeId: string; hitId: string }> {
  return run(`
t = m.register_hit_type('Tag an image', 'One word (${++typeCount})', Price(0.25), 600, keywords=['image', 'tag'], approval_delay=86400)
h = m.create_hit(hit_type=t[0].HITTypeId, question=${EXTERNAL}, lifetime=${options.lifetime ?? 3600}, max_assignments=${options.maxAssignments ?? 1})
out({"hitTypeId": t[0].HITTypeId, "hitId": h[0].HITId})
`);
}

beforeAll(async () => {
  t = await startTestEmu();
});
afterAll(() => t.close());

describe("account, HIT types and HITs", () => {
  test("get_account_balance: the sandbox's $10,000.00 as a boto Price", async () => {
    const r = await run(`
rs = m.get_account_balance()
out({"status": rs.status, "amount": rs[0].amount, "currency": rs[0].currency_code, "formatted": rs[0].formatted_price, "n": len(rs), "requestId": rs.RequestId})
`);
    expect(r).toMatchObject({ status: true, amount: 10000.0, currency: "USD", formatted: "$10,000.00", n: 2 });
    expect(r.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("register_hit_type with qualification requirements, create_hit of that type and without one, get_hit", async () => {
    const r = await run(`
quals = Qualifications([
    PercentAssignmentsApprovedRequirement('GreaterThan', 90),
    LocaleRequirement('In', [('US', 'WA'), 'CA'], required_to_preview=True),
    LocaleRequirement('EqualTo', 'DE'),
])
t = m.register_hit_type('Tag an image', 'One word', Price(0.25), 600, keywords=['image', 'tag'], approval_delay=86400, qual_req=quals)
again = m.register_hit_type('Tag an image', 'One word', Price(0.25), 600, keywords=['image', 'tag'], approval_delay=86400, qual_req=quals)
h = m.create_hit(hit_type=t[0].HITTypeId, question=${EXTERNAL}, lifetime=3600, max_assignments=3, annotation='batch-7', response_groups=['Minimal', 'HITDetail'])
h2 = m.create_hit(question=HTMLQuestion('<html><body><form><input name="answer"/></form></body></html>', 400), title='Own type', description='Made by create_hit', keywords='x, y', reward=Price(1.5), duration=900, lifetime=7200)
g = m.get_hit(h[0].HITId, response_groups=['Minimal', 'HITDetail', 'HITQuestion', 'HITAssignmentSummary'])
g2 = m.get_hit(h2[0].HITId)
hit = g[0]
out({
  "typeId": t[0].HITTypeId, "same": again[0].HITTypeId == t[0].HITTypeId,
  "created": attrs(h[0], "HITId", "HITTypeId", "Title", "Amount", "HITStatus", "MaxAssignments", "RequesterAnnotation", "Keywords"),
  "createdMinimal": hasattr(h2[0], "Title"),
  "hit": attrs(hit, "HITId", "HITTypeId", "HITGroupId", "Title", "Description", "Keywords", "HITStatus", "MaxAssignments", "Amount", "CurrencyCode",
               "FormattedPrice", "AutoApprovalDelayInSeconds", "AssignmentDurationInSeconds", "NumberOfAssignmentsAvailable", "NumberOfAssignmentsPending",
               "NumberOfAssignmentsCompleted", "HITReviewStatus", "RequesterAnnotation", "IsValid"),
  "question": hit.Question, "expired": hit.expired,
  "own": attrs(g2[0], "Title", "Description", "Keywords", "Amount", "AssignmentDurationInSeconds", "AutoApprovalDelayInSeconds", "NumberOfAssignmentsAvailable"),
  "ownTypeDiffers": g2[0].HITTypeId != t[0].HITTypeId,
})
`);
    expect(r.same).toBe(true);
    expect(r.created).toMatchObject({ HITTypeId: r.typeId, Title: "Tag an image", Amount: "0.25", HITStatus: "Assignable", MaxAssignments: "3", RequesterAnnotation: "batch-7", Keywords: "image, tag" });
    expect(r.createdMinimal).toBe(false); // CreateHIT answers Minimal unless asked
    expect(r.hit).toMatchObject({
      HITTypeId: r.typeId, Title: "Tag an image", Description: "One word", HITStatus: "Assignable", MaxAssignments: "3", Amount: "0.25",
      CurrencyCode: "USD", FormattedPrice: "$0.25", AutoApprovalDelayInSeconds: "86400", AssignmentDurationInSeconds: "600",
      NumberOfAssignmentsAvailable: "3", NumberOfAssignmentsPending: "0", NumberOfAssignmentsCompleted: "0", HITReviewStatus: "NotReviewed", IsValid: "True",
    });
    expect(r.hit.HITGroupId).toMatch(/^[0-9A-Z]{30}$/);
    expect(r.question).toContain("<ExternalURL>https://example.com/task</ExternalURL>");
    expect(r.expired).toBe(false);
    // GetHIT's default groups: Minimal, HITDetail, HITQuestion (no assignment summary).
    expect(r.own).toMatchObject({ Title: "Own type", Description: "Made by create_hit", Keywords: "x, y", Amount: "1.50", AssignmentDurationInSeconds: "900", AutoApprovalDelayInSeconds: "2592000", NumberOfAssignmentsAvailable: null });
    expect(r.ownTypeDiffers).toBe(true);

    // The same HIT through the JSON API, with the requirements boto encoded.
    const { HIT } = await t.sdk.send(new SdkGetHIT({ HITId: r.created.HITId }));
    expect(HIT!.QualificationRequirements).toEqual([
      { QualificationTypeId: "000000000000000000L0", Comparator: "GreaterThan", IntegerValues: [90] },
      { QualificationTypeId: "00000000000000000071", Comparator: "In", LocaleValues: [{ Country: "US", Subdivision: "WA" }, { Country: "CA" }], RequiredToPreview: true },
      { QualificationTypeId: "00000000000000000071", Comparator: "EqualTo", LocaleValues: [{ Country: "DE" }] },
    ]);
  });

  test("search_hits pages with PageSize/PageNumber and sorts; change_hit_type_of_hit moves a HIT", async () => {
    const fresh = await startTestEmu();
    const saved = t;
    t = fresh;
    try {
      const r = await run(`
titles = ['b title', 'a title', 'c title']
ids = []
for i, title in enumerate(titles):
    ty = m.register_hit_type(title, 'd', Price(0.1 * (i + 1)), 600)
    ids.append(m.create_hit(hit_type=ty[0].HITTypeId, question=${EXTERNAL}, lifetime=3600)[0].HITId)
p1 = m.search_hits(page_size=2, page_number=1)
p2 = m.search_hits(page_size=2, page_number=2)
by_title = m.search_hits(sort_by='Title', sort_direction='Ascending', page_size=10)
by_reward = m.search_hits(sort_by='Reward', sort_direction='Descending')
other = m.register_hit_type('b title', 'd', Price(0.1), 600, keywords='moved')
m.change_hit_type_of_hit(ids[0], other[0].HITTypeId)
moved = m.get_hit(ids[0])
out({
  "ids": ids,
  "p1": {"n": p1.NumResults, "total": p1.TotalNumResults, "page": p1.PageNumber, "ids": [h.HITId for h in p1]},
  "p2": {"n": p2.NumResults, "total": p2.TotalNumResults, "page": p2.PageNumber, "ids": [h.HITId for h in p2]},
  "titles": [h.Title for h in by_title], "rewards": [h.Amount for h in by_reward],
  "summary": attrs(p1[0], "NumberOfAssignmentsAvailable", "Title", "Question"),
  "movedType": moved[0].HITTypeId == other[0].HITTypeId, "movedKeywords": moved[0].Keywords,
})
`);
      expect(r.p1).toEqual({ n: "2", total: "3", page: "1", ids: r.ids.slice(0, 2) });
      expect(r.p2).toEqual({ n: "1", total: "3", page: "2", ids: r.ids.slice(2) });
      expect(r.titles).toEqual(["a title", "b title", "c title"]);
      expect(r.rewards).toEqual(["0.30", "0.20", "0.10"]);
      // SearchHITs' default groups: Minimal, HITDetail, HITAssignmentSummary.
      expect(r.summary).toEqual({ NumberOfAssignmentsAvailable: "1", Title: "b title", Question: null });
      expect(r.movedType).toBe(true);
      expect(r.movedKeywords).toBe("moved");
    } finally {
      t = saved;
      await fresh.close();
    }
  });
});

describe("assignments and payments", () => {
  test("get_assignments and get_assignment parse the workers' answers; approve, reject, approve_rejected", async () => {
    const { hitId } = await createHit({ maxAssignments: 3 });
    const a1 = await acceptAndSubmit(t, hitId, { answer: "cat" });
    const a2 = await acceptAndSubmit(t, hitId, { answer: "dog" });
    const a3 = await acceptAndSubmit(t, hitId, { answer: "cow" });
    const r = await run(`
rs = m.get_assignments(${JSON.stringify(hitId)})
one = m.get_assignment(${JSON.stringify(a1.AssignmentId)}, response_groups=['Minimal', 'HITDetail'])
a = one[0]
m.approve_assignment(${JSON.stringify(a1.AssignmentId)}, feedback='Great work')
m.reject_assignment(${JSON.stringify(a2.AssignmentId)}, feedback='Off topic')
m.reject_assignment(${JSON.stringify(a3.AssignmentId)})
m.approve_rejected_assignment(${JSON.stringify(a2.AssignmentId)}, feedback='Sorry')
after = m.get_assignments(${JSON.stringify(hitId)}, sort_by='AcceptTime')
again = fails(lambda: m.approve_rejected_assignment(${JSON.stringify(a1.AssignmentId)}))
out({
  "total": rs.TotalNumResults, "n": rs.NumResults,
  "answers": [[(q.qid, q.fields) for q in x.answers[0]] for x in rs],
  "workers": [x.WorkerId for x in rs],
  "statuses": [x.AssignmentStatus for x in rs],
  "one": attrs(a, "AssignmentId", "WorkerId", "HITId", "AssignmentStatus", "AcceptTime", "SubmitTime", "AutoApprovalTime", "Deadline"),
  "oneAnswers": [(q.qid, q.fields) for q in a.answers[0]],
  "hitOfOne": attrs(one[1], "HITId", "Title", "HITStatus"),
  "after": [(x.AssignmentId, x.AssignmentStatus) for x in after],
  "again": again,
})
`);
    expect(r.total).toBe("3");
    expect(r.n).toBe("3");
    expect(r.answers).toEqual([[["answer", ["cat"]]], [["answer", ["dog"]]], [["answer", ["cow"]]]]);
    expect(r.workers).toEqual([a1.WorkerId, a2.WorkerId, a3.WorkerId]);
    expect(r.statuses).toEqual(["Submitted", "Submitted", "Submitted"]);
    expect(r.one).toMatchObject({ AssignmentId: a1.AssignmentId, WorkerId: a1.WorkerId, HITId: hitId, AssignmentStatus: "Submitted" });
    for (const time of ["AcceptTime", "SubmitTime", "AutoApprovalTime", "Deadline"]) expect(r.one[time]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(r.oneAnswers).toEqual([["answer", ["cat"]]]);
    expect(r.hitOfOne).toEqual({ HITId: hitId, Title: "Tag an image", HITStatus: "Reviewable" });
    expect(r.after).toEqual([
      [a1.AssignmentId, "Approved"],
      [a2.AssignmentId, "Approved"],
      [a3.AssignmentId, "Rejected"],
    ]);
    expect(r.again).toMatchObject({ status: 200, code: "AWS.MechanicalTurk.InvalidAssignmentState" });
  });

  test("grant_bonus pays a Price (seen by the JSON API); get_file_upload_url hands out the file's URL", async () => {
    const { hitId } = await createHit();
    const { WorkerId, AssignmentId } = await acceptAndSubmit(t, hitId);
    t.emu.store.putUploadedFile({ assignmentId: AssignmentId, questionIdentifier: "photo", key: "k", contentType: "image/png", data: Buffer.from("png!") });
    const r = await run(`
m.grant_bonus(${JSON.stringify(WorkerId)}, ${JSON.stringify(AssignmentId)}, Price(0.5), 'Nice')
url = m.get_file_upload_url(${JSON.stringify(AssignmentId)}, 'photo')
missing = fails(lambda: m.get_file_upload_url(${JSON.stringify(AssignmentId)}, 'other'))
out({"url": url[0].FileUploadURL, "missing": missing})
`);
    const { BonusPayments } = await t.sdk.send(new ListBonusPaymentsCommand({ AssignmentId }));
    expect(BonusPayments).toEqual([expect.objectContaining({ WorkerId, BonusAmount: "0.50", Reason: "Nice", AssignmentId })]);
    expect(r.url).toMatch(new RegExp(`^${t.url}/_emu/files/${AssignmentId}/photo\\?expires=\\d+$`));
    const file = await fetch(r.url);
    expect(await file.text()).toBe("png!");
    expect(r.missing).toMatchObject({ status: 200, code: "AWS.MechanicalTurk.InvalidParameterValue" });
  });
});

describe("the HIT lifecycle", () => {
  test("expire_hit, get_reviewable_hits, set_reviewing (and revert), extend_hit, dispose_hit", async () => {
    const { hitId, hitTypeId } = await createHit({ maxAssignments: 2 });
    const { AssignmentId } = await acceptAndSubmit(t, hitId);
    const r = await run(`
hid = ${JSON.stringify(hitId)}
m.expire_hit(hid)
expired = m.get_hit(hid)[0]
reviewable = m.get_reviewable_hits(hit_type=${JSON.stringify(hitTypeId)})
m.set_reviewing(hid)
reviewing = m.get_reviewable_hits(hit_type=${JSON.stringify(hitTypeId)}, status='Reviewing')
still = m.get_reviewable_hits(hit_type=${JSON.stringify(hitTypeId)})
m.set_reviewing(hid, revert=True)
back = m.get_hit(hid)[0].HITStatus
m.extend_hit(hid, expiration_increment=3600)
extended = m.get_hit(hid, response_groups=['Minimal', 'HITDetail', 'HITAssignmentSummary'])[0]
m.extend_hit(hid, assignments_increment=1)
more = m.get_hit(hid, response_groups=['Minimal', 'HITDetail', 'HITAssignmentSummary'])[0]
early = fails(lambda: m.dispose_hit(hid))
m.expire_hit(hid)
unreviewed = fails(lambda: m.dispose_hit(hid))
m.approve_assignment(${JSON.stringify(AssignmentId)})
m.dispose_hit(hid)
gone = m.get_hit(hid)[0].HITStatus
out({
  "expired": [expired.HITStatus, expired.expired],
  "reviewable": [h.HITId for h in reviewable], "reviewableTotal": reviewable.TotalNumResults,
  "reviewing": [h.HITId for h in reviewing], "still": [h.HITId for h in still], "back": back,
  "extended": attrs(extended, "HITStatus", "NumberOfAssignmentsAvailable", "MaxAssignments"), "extendedExpired": extended.expired,
  "more": attrs(more, "HITStatus", "NumberOfAssignmentsAvailable", "MaxAssignments"),
  "early": early, "unreviewed": unreviewed, "gone": gone,
})
`);
    expect(r.expired).toEqual(["Reviewable", true]);
    expect(r.reviewable).toEqual([hitId]);
    expect(r.reviewableTotal).toBe("1");
    expect(r.reviewing).toEqual([hitId]);
    expect(r.still).toEqual([]);
    expect(r.back).toBe("Reviewable");
    // Expired, so the new expiration is now + 3600 s; one slot of two is still free.
    expect(r.extended).toEqual({ HITStatus: "Assignable", NumberOfAssignmentsAvailable: "1", MaxAssignments: "2" });
    expect(r.extendedExpired).toBe(false);
    expect(r.more).toEqual({ HITStatus: "Assignable", NumberOfAssignmentsAvailable: "2", MaxAssignments: "3" });
    expect(r.early).toMatchObject({ code: "AWS.MechanicalTurk.InvalidHITState" });
    expect(r.unreviewed).toMatchObject({ code: "AWS.MechanicalTurk.InvalidHITState" });
    expect(r.gone).toBe("Disposed");
  });

  test("disable_hit approves the submitted work and disposes of the HIT; work in progress is approved on submission", async () => {
    const { hitId } = await createHit({ maxAssignments: 3 });
    const done = await acceptAndSubmit(t, hitId);
    const busy = await accept(t, hitId);
    const r = await run(`
m.disable_hit(${JSON.stringify(hitId)})
out({"status": m.get_hit(${JSON.stringify(hitId)})[0].HITStatus, "assignment": fails(lambda: m.get_assignment(${JSON.stringify(done.AssignmentId)}))})
`);
    expect(r.status).toBe("Disposed");
    expect(r.assignment).toMatchObject({ code: "AWS.MechanicalTurk.HITDoesNotExist" });
    const state = await t.ctl("GET", "/_emu/state");
    const rows = state.accounts[0].tables.assignments;
    expect(rows.find((a: any) => a.id === done.AssignmentId).status).toBe("Approved");
    await submit(t, busy.AssignmentId);
    const after = (await t.ctl("GET", "/_emu/state")).accounts[0].tables.assignments;
    expect(after.find((a: any) => a.id === busy.AssignmentId).status).toBe("Approved");
    const again = await run(`out(fails(lambda: m.disable_hit(${JSON.stringify(hitId)})))`);
    expect(again).toMatchObject({ code: "AWS.MechanicalTurk.InvalidHITState" });
  });

  test("get_help describes an operation", async () => {
    const r = await run(`
rs = m.get_help('GetHIT')
out({"status": rs.status, "name": rs.Name, "bad": fails(lambda: m.get_help('NoSuchOperation'))})
`);
    expect(r.status).toBe(true);
    expect(r.name).toBe("GetHIT");
    expect(r.bad).toMatchObject({ code: "AWS.MechanicalTurk.InvalidParameterValue" });
  });

  test("an unknown HIT raises MTurkRequestError with the service's code, over HTTP 200", async () => {
    const r = await run(`out(fails(lambda: m.get_hit('3NOSUCHHIT0000000000000000000X')))`);
    expect(r).toMatchObject({ status: 200, code: "AWS.MechanicalTurk.HITDoesNotExist" });
    expect(r.message).toMatch(/^Hit 3NOSUCHHIT0000000000000000000X does not exist\. \(\d{13}\)$/);
  });
});

describe("workers", () => {
  test("block_worker, unblock_worker, notify_workers", async () => {
    const { hitId } = await createHit({ maxAssignments: 2 });
    const worked = await acceptAndSubmit(t, hitId);
    const stranger = await newWorker(t);
    const r = await run(`
a = m.block_worker(${JSON.stringify(stranger)}, 'Spam')
b = m.unblock_worker(${JSON.stringify(stranger)}, 'Sorry')
m.approve_assignment(${JSON.stringify(worked.AssignmentId)})
n = m.notify_workers([${JSON.stringify(worked.WorkerId)}, ${JSON.stringify(stranger)}], 'Hello', 'More work soon')
out({"a": a.status, "b": b.status, "n": n.status, "failure": attrs(n, "NotifyWorkersFailureCode", "WorkerId"),
     "unknown": fails(lambda: m.block_worker('ANOSUCHWORKER', 'x'))})
`);
    expect(r).toMatchObject({ a: true, b: true, n: true });
    expect(r.failure).toEqual({ NotifyWorkersFailureCode: "SoftFailure", WorkerId: stranger });
    expect(r.unknown).toMatchObject({ code: "AWS.MechanicalTurk.InvalidParameterValue" });
    const outbox = await t.ctl("GET", `/_emu/outbox?WorkerId=${worked.WorkerId}`);
    expect(outbox.Messages).toEqual([expect.objectContaining({ Subject: "Hello", MessageText: "More work soon" })]);
  });
});

describe("notifications", () => {
  test("set_email_notification, set_sqs_notification, set_rest_notification and send_test_event_notification (REST)", async () => {
    // A local receiver for the REST transport, should the emulator deliver.
    const received: string[] = [];
    const receiver = http.createServer((req, res) => {
      received.push(req.url ?? "");
      res.end("ok");
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const destination = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`;
    try {
      const { hitTypeId } = await createHit();
      const r = await run(`
ht = ${JSON.stringify(hitTypeId)}
e = m.set_email_notification(ht, 'me@example.com', event_types=['AssignmentSubmitted', 'HITReviewable'])
s = m.set_sqs_notification(ht, 'https://sqs.us-east-1.amazonaws.com/123456789012/q', event_types=['AssignmentSubmitted'])
rest = m.set_rest_notification(ht, ${JSON.stringify(destination)}, event_types=['AssignmentAccepted'])
test = m.send_test_event_notification(ht, ${JSON.stringify(destination)})
bad = fails(lambda: m.set_rest_notification(ht, 'me@example.com'))
out({"e": e.status, "s": s.status, "rest": rest.status, "test": test.status, "bad": bad})
`);
      expect(r).toMatchObject({ e: true, s: true, rest: true, test: true });
      expect(r.bad).toMatchObject({ status: 200, code: "AWS.MechanicalTurk.InvalidParameterValue" });
      const { Notifications } = await t.ctl("GET", `/_emu/notifications?Destination=${encodeURIComponent(destination)}`);
      expect(Notifications).toEqual([expect.objectContaining({ Transport: "REST", Destination: destination })]);
      expect(Notifications[0].Message.Events.map((e: any) => e.EventType)).toEqual(["Ping"]);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});

describe("qualifications", () => {
  test("qualification types: create, get, update, search, dispose", async () => {
    const r = await run(`
q = m.create_qualification_type('Image tagger', 'Tags images well', 'Active', keywords=['image', 'tagging'], retry_delay=3600)
qid = q[0].QualificationTypeId
g = m.get_qualification_type(qid)
u = m.update_qualification_type(qid, description='Tags images very well', status='Inactive')
found = m.search_qualification_types(query='tagger', must_be_requestable=False)
none = m.search_qualification_types()
m.dispose_qualification_type(qid)
gone = fails(lambda: m.get_qualification_type(qid))
out({
  "created": attrs(q[0], "Name", "Description", "Keywords", "QualificationTypeStatus", "RetryDelayInSeconds", "AutoGranted", "IsRequestable"),
  "got": g[0].QualificationTypeId == qid, "updated": attrs(u[0], "Description", "QualificationTypeStatus"),
  "found": [x.QualificationTypeId == qid for x in found], "foundTotal": found.TotalNumResults,
  "none": none.TotalNumResults, "gone": gone,
})
`);
    expect(r.created).toEqual({
      Name: "Image tagger", Description: "Tags images well", Keywords: "image, tagging", QualificationTypeStatus: "Active",
      RetryDelayInSeconds: "3600", AutoGranted: "false", IsRequestable: "true",
    });
    expect(r.got).toBe(true);
    expect(r.updated).toEqual({ Description: "Tags images very well", QualificationTypeStatus: "Inactive" });
    expect(r.found).toEqual([true]);
    expect(r.foundTotal).toBe("1");
    // boto's defaults send Query=None (no query, not the word "None"), MustBeRequestable and MustBeOwnedByCaller.
    expect(r.none).toBe("1");
    expect(r.gone).toMatchObject({ code: "AWS.MechanicalTurk.QualificationTypeDoesNotExist" });
  });

  test("workers' qualifications: assign, score, update score, list, revoke; requests: list and grant", async () => {
    const worker = await newWorker(t);
    const asker = await newWorker(t);
    const created = await run(`out(m.create_qualification_type('Reviewed', 'By hand', 'Active')[0].QualificationTypeId)`);
    const { QualificationRequestId } = await t.ctl("POST", `/_emu/workers/${asker}/qualification-requests`, { QualificationTypeId: created });
    const r = await run(`
qid = ${JSON.stringify(created)}
w = ${JSON.stringify(worker)}
m.assign_qualification(qid, w, value=70, send_notification=False)
s1 = m.get_qualification_score(qid, w)[0]
m.update_qualification_score(qid, w, 85)
s2 = m.get_qualification_score(qid, w)[0]
requests = m.get_qualification_requests(qid)
m.grant_qualification(requests[0].QualificationRequestId, integer_value=5)
listed = m.get_qualifications_for_qualification_type(qid)
m.revoke_qualification(w, qid)
revoked = m.get_qualification_score(qid, w)[0]
out({
  "s1": attrs(s1, "QualificationTypeId", "SubjectId", "IntegerValue", "Status"), "s2": s2.IntegerValue,
  "requests": [(x.QualificationRequestId, x.SubjectId) for x in requests], "requestsTotal": requests.TotalNumResults,
  "listed": sorted([(x.SubjectId, x.IntegerValue, x.Status) for x in listed]), "revoked": revoked.Status,
  "again": fails(lambda: m.grant_qualification(requests[0].QualificationRequestId)),
})
`);
    expect(r.s1).toEqual({ QualificationTypeId: created, SubjectId: worker, IntegerValue: "70", Status: "Granted" });
    expect(r.s2).toBe("85");
    expect(r.requests).toEqual([[QualificationRequestId, asker]]);
    expect(r.requestsTotal).toBe("1");
    expect(r.listed).toEqual([[asker, "5", "Granted"], [worker, "85", "Granted"]].sort());
    expect(r.revoked).toBe("Revoked");
    expect(r.again).toMatchObject({ code: "AWS.MechanicalTurk.InvalidQualificationRequestState" });
  });
});

test("every one of boto 2's 39 request-making methods was driven", () => {
  expect([...called].sort()).toEqual([...BOTO_METHODS].sort());
});
