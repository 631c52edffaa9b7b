import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DomainError } from "../../src/domain/errors";
import { OPERATION_NAMES, PAGINATED, TARGET_PREFIX } from "../../src/api/generated/operations";
import { SerializationError, validateInput } from "../../src/api/validate";

const ROOT = join(__dirname, "..", "..");
const GENERATED = join(ROOT, "src/api/generated");
const readJson = (path: string) => JSON.parse(readFileSync(join(ROOT, path), "utf8"));
const model = readJson("spec/mturk-requester-2017-01-17.json");

describe("generated API files", () => {
  test("match a fresh run of the generator (run `npm run generate` after editing spec/)", () => {
    const out = mkdtempSync(join(tmpdir(), "gen-api-"));
    try {
      execFileSync(process.execPath, [join(ROOT, "scripts/gen-api.mjs"), "--out", out]);
      const files = readdirSync(out).sort();
      expect(readdirSync(GENERATED).sort()).toEqual(files);
      for (const file of files) {
        expect({ file, text: readFileSync(join(GENERATED, file), "utf8") }).toEqual({
          file,
          text: readFileSync(join(out, file), "utf8"),
        });
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test("name exactly the model's 39 operations", () => {
    expect(OPERATION_NAMES).toHaveLength(39);
    expect([...OPERATION_NAMES].sort()).toEqual(Object.keys(model.operations).sort());
  });

  test("carry the target prefix and the paginators", () => {
    expect(TARGET_PREFIX).toBe(model.metadata.targetPrefix);
    const paginators = readJson("spec/mturk-requester-2017-01-17.paginators.json").pagination;
    expect(Object.keys(PAGINATED).sort()).toEqual(Object.keys(paginators).sort());
    expect(PAGINATED.ListWorkersWithQualificationType).toEqual({
      inputToken: "NextToken",
      outputToken: "NextToken",
      limitKey: "MaxResults",
      resultKey: "Qualifications",
    });
  });
});

function thrownBy(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

const HIT_ID = "3X7837UUADRXYCA1K7JAJLKC66DJ60";
const QUALIFICATION_TYPE_ID = "000000000000000000L0";
const validHit = () => ({
  Title: "Label images",
  Description: "Say what is in the picture",
  Reward: "0.05",
  LifetimeInSeconds: 3600,
  AssignmentDurationInSeconds: 600,
  MaxAssignments: 3,
  Question: "<HTMLQuestion/>",
  QualificationRequirements: [
    { QualificationTypeId: QUALIFICATION_TYPE_ID, Comparator: "GreaterThanOrEqualTo", IntegerValues: [95] },
    {
      QualificationTypeId: "00000000000000000071",
      Comparator: "In",
      LocaleValues: [{ Country: "US", Subdivision: "PA" }, { Country: "GB" }],
    },
  ],
});
const without = <T extends object>(value: T, key: keyof T) => {
  const copy = { ...value };
  delete copy[key];
  return copy;
};
const withRequirement = (requirement: object) => ({
  ...validHit(),
  QualificationRequirements: [{ QualificationTypeId: QUALIFICATION_TYPE_ID, Comparator: "Exists", ...requirement }],
});

describe("validateInput", () => {
  test.each(OPERATION_NAMES)("compiles the %s schema", (operation) => {
    try {
      validateInput(operation, {});
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
    }
  });

  test.each([
    ["a full CreateHIT", "CreateHIT", validHit()],
    ["unknown members", "CreateHIT", { ...validHit(), SomethingNew: { x: 1 } }],
    ["a null optional member", "CreateHIT", { ...validHit(), Keywords: null }],
    ["an empty body", "ListHITs", {}],
    ["limits at their maximum", "ListHITs", { MaxResults: 100, NextToken: "abc" }],
    ["a fractional timestamp", "UpdateExpirationForHIT", { HITId: HIT_ID, ExpireAt: 1893456000.123 }],
    ["tabs and newlines in feedback", "RejectAssignment", { AssignmentId: HIT_ID, RequesterFeedback: "Answers\tdid not\r\nmatch" }],
  ] as const)("accepts %s", (_, operation, input) => {
    expect(() => validateInput(operation, input)).not.toThrow();
  });

  test("drops null members so handlers see them as absent", () => {
    const input = { ...validHit(), Keywords: null };
    validateInput("CreateHIT", input);
    expect(input).not.toHaveProperty("Keywords");
  });

  test.each([
    ["a missing member", "CreateHIT", without(validHit(), "Reward"), "Value null at 'reward' failed to satisfy constraint: Member must not be null."],
    ["a null required member", "SendBonus", { WorkerId: "A2YUCJ28XANFOX", BonusAmount: "1", AssignmentId: HIT_ID, Reason: null }, "Value null at 'reason' failed to satisfy constraint: Member must not be null."],
    ["a missing nested member", "CreateHIT", { ...validHit(), QualificationRequirements: [{ QualificationTypeId: QUALIFICATION_TYPE_ID }] }, "Value null at 'comparator' failed to satisfy constraint: Member must not be null."],
    ["a number below an overlay minimum", "CreateHIT", { ...validHit(), LifetimeInSeconds: 10 }, "The value 10 is invalid for LifetimeInSeconds. Valid values range from 30 to 31536000."],
    ["MaxAssignments 0", "CreateHIT", { ...validHit(), MaxAssignments: 0 }, "The value 0 is invalid for MaxAssignments. Valid values range from 1 to 1000000000."],
    ["a number above a model maximum", "ListHITs", { MaxResults: 101 }, "The value 101 is invalid for MaxResults. Valid values range from 1 to 100."],
    ["no additional assignments", "CreateAdditionalAssignmentsForHIT", { HITId: HIT_ID, NumberOfAdditionalAssignments: 0 }, "The value 0 is invalid for NumberOfAdditionalAssignments. Valid values range from 1 to 1000000000."],
    ["an ID failing its pattern", "GetHIT", { HITId: "abc" }, 'The value "abc" is not valid for the parameter HITId.'],
    ["a malformed amount", "CreateHIT", { ...validHit(), Reward: "abc" }, 'The value "abc" is not valid for the parameter Reward.'],
    ["a title over 128 characters", "CreateHIT", { ...validHit(), Title: "x".repeat(129) }, `The value "${"x".repeat(129)}" is not valid for the parameter Title.`],
    ["an empty token", "ListHITs", { NextToken: "" }, 'The value "" is not valid for the parameter NextToken.'],
    ["a nested enum violation", "CreateHIT", withRequirement({ Comparator: "Bogus" }), 'The value "Bogus" is not valid for the parameter Comparator.'],
    ["16 IntegerValues", "CreateHIT", withRequirement({ Comparator: "In", IntegerValues: Array(16).fill(1) }), 'The value "16" is not valid for the parameter IntegerValues.'],
    ["a lower-case country", "CreateHIT", withRequirement({ Comparator: "EqualTo", LocaleValues: [{ Country: "us" }] }), 'The value "us" is not valid for the parameter Country.'],
    ["11 QualificationRequirements", "CreateHIT", { ...validHit(), QualificationRequirements: Array(11).fill({ QualificationTypeId: QUALIFICATION_TYPE_ID, Comparator: "Exists" }) }, 'The value "11" is not valid for the parameter QualificationRequirements.'],
    ["a bad list item", "NotifyWorkers", { Subject: "s", MessageText: "m", WorkerIds: ["A2YUCJ28XANFOX", "nope"] }, 'The value "nope" is not valid for the parameter WorkerIds.'],
    ["a control character in feedback", "ApproveAssignment", { AssignmentId: HIT_ID, RequesterFeedback: "bell\u0007" }, 'The value "bell\\u0007" is not valid for the parameter RequesterFeedback.'],
  ] as const)("rejects %s with a ParameterValidationError", (_, operation, input, message) => {
    const error = thrownBy(() => validateInput(operation, input));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: "ParameterValidationError", turkErrorCode: undefined, message });
  });

  test.each([
    ["a number for a string", "CreateHIT", { ...validHit(), Reward: 5 }, "NUMBER_VALUE can not be converted to a String (Reward)"],
    ["a string for an integer", "CreateHIT", { ...validHit(), MaxAssignments: "3" }, "STRING_VALUE can not be converted to an Integer (MaxAssignments)"],
    ["a fraction for an integer", "CreateHIT", { ...validHit(), MaxAssignments: 1.5 }, "NUMBER_VALUE can not be converted to an Integer (MaxAssignments)"],
    ["an object for a string", "CreateHIT", { ...validHit(), Title: { text: "t" } }, "STRUCTURE_VALUE can not be converted to a String (Title)"],
    ["an object for a list", "CreateHIT", { ...validHit(), QualificationRequirements: {} }, "STRUCTURE_VALUE can not be converted to a List (QualificationRequirements)"],
    ["a string for a list item", "CreateHIT", { ...validHit(), QualificationRequirements: ["Exists"] }, "STRING_VALUE can not be converted to a Structure (QualificationRequirements)"],
    ["an ISO date for a timestamp", "UpdateExpirationForHIT", { HITId: HIT_ID, ExpireAt: "2030-01-01T00:00:00Z" }, "STRING_VALUE can not be converted to a Timestamp (ExpireAt)"],
    ["a string for a boolean", "ListQualificationTypes", { MustBeRequestable: "true" }, "STRING_VALUE can not be converted to a Boolean (MustBeRequestable)"],
    ["an array body", "ListHITs", [], "LIST_VALUE can not be converted to a Structure (request body)"],
    ["a string body", "ListHITs", "{}", "STRING_VALUE can not be converted to a Structure (request body)"],
  ] as const)("rejects %s with a SerializationException", (_, operation, input, message) => {
    const error = thrownBy(() => validateInput(operation, input));
    expect(error).toBeInstanceOf(SerializationError);
    expect(error).toMatchObject({ name: "SerializationException", message });
  });
});
