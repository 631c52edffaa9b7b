// The pure eligibility function: every comparator, locales, ActionsGuarded and the deprecated RequiredToPreview.
import { describeRequirement, eligibility, meetsRequirement, systemQualificationValue, workerAttributesProblem, type QualificationValue } from "../../src/domain/eligibility";
import type { QualificationRequirement } from "../../src/domain/records";

const Q = "3CUSTOMTYPE00000000000000000000";
const LOCALE = "00000000000000000071";
const req = (Comparator: string, more: Partial<QualificationRequirement> = {}): QualificationRequirement => ({ QualificationTypeId: Q, Comparator, ...more });
const int = (integerValue: number): QualificationValue => ({ integerValue });

describe("meetsRequirement", () => {
  it.each([
    ["LessThan", [5], 4, true],
    ["LessThan", [5], 5, false],
    ["LessThanOrEqualTo", [5], 5, true],
    ["LessThanOrEqualTo", [5], 6, false],
    ["GreaterThan", [5], 6, true],
    ["GreaterThan", [5], 5, false],
    ["GreaterThanOrEqualTo", [5], 5, true],
    ["GreaterThanOrEqualTo", [5], 4, false],
    ["EqualTo", [5], 5, true],
    ["EqualTo", [5], 4, false],
    ["NotEqualTo", [5], 4, true],
    ["NotEqualTo", [5], 5, false],
    ["In", [1, 3, 5], 3, true],
    ["In", [1, 3, 5], 4, false],
    ["NotIn", [1, 3, 5], 4, true],
    ["NotIn", [1, 3, 5], 5, false],
  ])("%s %j against %d → %s", (comparator, values, actual, expected) => {
    expect(meetsRequirement(int(actual as number), req(comparator as string, { IntegerValues: values as number[] }))).toBe(expected);
  });

  it("needs the qualification for every comparator but DoesNotExist", () => {
    for (const c of ["LessThan", "GreaterThan", "EqualTo", "NotEqualTo", "In", "NotIn", "Exists"]) {
      expect(meetsRequirement(undefined, req(c, { IntegerValues: [1] }))).toBe(false);
    }
    expect(meetsRequirement(undefined, req("DoesNotExist"))).toBe(true);
    expect(meetsRequirement(int(0), req("DoesNotExist"))).toBe(false);
    expect(meetsRequirement(int(0), req("Exists"))).toBe(true);
  });

  it("matches a country-only locale against any subdivision, and a subdivision exactly", () => {
    const worker = { localeValue: { Country: "US", Subdivision: "NY" } };
    const locale = (Comparator: string, ...LocaleValues: Array<{ Country: string; Subdivision?: string }>) =>
      meetsRequirement(worker, { QualificationTypeId: LOCALE, Comparator, LocaleValues });
    expect(locale("EqualTo", { Country: "US" })).toBe(true);
    expect(locale("EqualTo", { Country: "US", Subdivision: "NY" })).toBe(true);
    expect(locale("EqualTo", { Country: "US", Subdivision: "CA" })).toBe(false);
    expect(locale("NotEqualTo", { Country: "US", Subdivision: "CA" })).toBe(true);
    expect(locale("NotEqualTo", { Country: "US" })).toBe(false);
    expect(locale("In", { Country: "CA" }, { Country: "US", Subdivision: "NY" })).toBe(true);
    expect(locale("NotIn", { Country: "CA" }, { Country: "GB" })).toBe(true);
    expect(locale("NotIn", { Country: "CA" }, { Country: "US" })).toBe(false);
    expect(meetsRequirement({ localeValue: { Country: "US" } }, { QualificationTypeId: LOCALE, Comparator: "EqualTo", LocaleValues: [{ Country: "US", Subdivision: "NY" }] })).toBe(false);
  });
});

describe("eligibility", () => {
  const facts = (value?: QualificationValue, blocked = false) => ({
    values: new Map(value ? [[Q, value]] : []),
    names: new Map([[Q, "Skill"], [LOCALE, "Locale"]]),
    blocked,
  });

  it("guards Accept by default, Preview with PreviewAndAccept or RequiredToPreview, everything with DiscoverPreviewAndAccept", () => {
    const r = (more: Partial<QualificationRequirement>) => [req("GreaterThan", { IntegerValues: [5], ...more })];
    const actions = (e: ReturnType<typeof eligibility>) => [e.discover, e.preview, e.accept];
    expect(actions(eligibility(facts(int(1)), r({})))).toEqual([true, true, false]);
    expect(actions(eligibility(facts(int(1)), r({ ActionsGuarded: "Accept" })))).toEqual([true, true, false]);
    expect(actions(eligibility(facts(int(1)), r({ ActionsGuarded: "PreviewAndAccept" })))).toEqual([true, false, false]);
    expect(actions(eligibility(facts(int(1)), r({ RequiredToPreview: true })))).toEqual([true, false, false]);
    expect(actions(eligibility(facts(int(1)), r({ ActionsGuarded: "DiscoverPreviewAndAccept" })))).toEqual([false, false, false]);
    expect(actions(eligibility(facts(int(9)), r({ ActionsGuarded: "DiscoverPreviewAndAccept" })))).toEqual([true, true, true]);
  });

  it("names each failed requirement and what the worker has", () => {
    const e = eligibility(facts(int(3)), [
      req("GreaterThanOrEqualTo", { IntegerValues: [5] }),
      { QualificationTypeId: LOCALE, Comparator: "EqualTo", LocaleValues: [{ Country: "US" }] },
    ]);
    expect(e.failed.map((f) => [f.reason, f.actual, f.guards])).toEqual([
      ["Skill ≥ 5", "3", "Accept"],
      ["Locale = US", "no such qualification", "Accept"],
    ]);
  });

  it("refuses Accept to a blocked worker", () => {
    const e = eligibility(facts(undefined, true), []);
    expect([e.discover, e.preview, e.accept]).toEqual([true, true, false]);
    expect(e.failed[0].reason).toBe("not blocked by the requester");
  });

  it("describes requirements the way the reasons read", () => {
    expect(describeRequirement({ QualificationTypeId: LOCALE, Comparator: "In", LocaleValues: [{ Country: "US" }, { Country: "CA", Subdivision: "QC" }] }, "Locale")).toBe("Locale in (US, CA-QC)");
    expect(describeRequirement(req("NotEqualTo", { IntegerValues: [2] }), "Skill")).toBe("Skill ≠ 2");
    expect(describeRequirement(req("Exists"), "Masters")).toBe("Masters exists");
    expect(describeRequirement(req("DoesNotExist"), "Skill")).toBe("Skill does not exist");
  });
});

describe("system qualification values", () => {
  const history = { ended: 0, submitted: 0, approved: 0, rejected: 0, returned: 0, abandoned: 0 };
  it("counts a worker with fewer than 100 submitted assignments as 100% approved", () => {
    expect(systemQualificationValue("000000000000000000L0", {}, { ...history, ended: 99, submitted: 99, approved: 1, rejected: 98 })).toEqual({ integerValue: 100 });
    expect(systemQualificationValue("000000000000000000L0", {}, { ...history, ended: 100, submitted: 100, approved: 75, rejected: 25 })).toEqual({ integerValue: 75 });
  });

  it("adds a declared prior History to the worker's own", () => {
    const prior = { History: { Approved: 180, Rejected: 20 } };
    expect(systemQualificationValue("00000000000000000040", prior, { ...history, ended: 1, submitted: 1, approved: 1 })).toEqual({ integerValue: 181 });
    expect(systemQualificationValue("000000000000000000L0", prior, history)).toEqual({ integerValue: 90 });
    expect(systemQualificationValue("000000000000000000L0", { History: { Approved: 50, Rejected: 20 } }, history)).toEqual({ integerValue: 100 });
  });

  it("validates worker attributes", () => {
    expect(workerAttributesProblem({ Locale: { Country: "US" }, Adult: false, Masters: true, History: { Approved: 3 } })).toBeUndefined();
    expect(workerAttributesProblem({ History: { Approved: -1 } })).toContain("History must be");
    expect(workerAttributesProblem({ History: { Submitted: 5 } })).toContain("History must be");
    expect(workerAttributesProblem({ Age: 30 })).toContain('"Age" is not a worker attribute');
  });
});
