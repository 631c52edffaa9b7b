// JSON Schemas of the control API's request bodies, and the readers built from them.
import type { SubmittedAnswer } from "../domain/commands/workers";
import type { AnswerInput } from "../domain/questions/answers";
import { ControlError } from "./http";
import { bodyValidator } from "./validate";

const WORKER_ID = { type: "string", pattern: "^A[A-Z0-9]{1,63}$" };
const ENTITY_ID = { type: "string", pattern: "^[A-Z0-9]{1,64}$" };
const ANSWER_PROPERTIES = {
  Answers: {
    type: "object",
    additionalProperties: { anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] },
  },
  AnswerXml: { type: "string", minLength: 1 },
};

export const clockBody = bodyValidator<{ advanceSeconds?: number; set?: number; freeze?: boolean }>({
  type: "object",
  additionalProperties: false,
  minProperties: 1,
  properties: { advanceSeconds: { type: "number" }, set: { type: "number", minimum: 0 }, freeze: { type: "boolean" } },
});

export const workerBody = bodyValidator<{ WorkerId?: string; [attribute: string]: unknown }>({
  type: "object",
  properties: { WorkerId: WORKER_ID },
});

export const acceptBody = bodyValidator<{ HITId: string }>({
  type: "object",
  additionalProperties: false,
  required: ["HITId"],
  properties: { HITId: ENTITY_ID },
});

export const layoutBody = bodyValidator<{ HITLayoutId?: string; Template: string }>({
  type: "object",
  additionalProperties: false,
  required: ["Template"],
  properties: { HITLayoutId: ENTITY_ID, Template: { type: "string", minLength: 1 } },
});

const submitBody = bodyValidator<{ Answers?: AnswerInput; AnswerXml?: string }>({
  type: "object",
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: ANSWER_PROPERTIES,
});

const qualificationRequestBody = bodyValidator<{ QualificationTypeId: string; Answers?: AnswerInput; AnswerXml?: string }>({
  type: "object",
  additionalProperties: false,
  required: ["QualificationTypeId"],
  properties: { QualificationTypeId: ENTITY_ID, ...ANSWER_PROPERTIES },
});

const toAnswer = (body: { Answers?: AnswerInput; AnswerXml?: string }): SubmittedAnswer | undefined =>
  body.AnswerXml !== undefined ? { answerXml: body.AnswerXml } : body.Answers !== undefined ? { answers: body.Answers } : undefined;

/** `{"Answers": {...}}` or `{"AnswerXml": "..."}`, exactly one of them. */
export const submittedAnswer = (body: unknown): SubmittedAnswer => toAnswer(submitBody(body))!;

/** A qualification request, with the test's answers when the type has a test. */
export function qualificationRequest(body: unknown): { typeId: string; answer?: SubmittedAnswer } {
  const parsed = qualificationRequestBody(body);
  if (parsed.Answers !== undefined && parsed.AnswerXml !== undefined) {
    throw new ControlError(400, "InvalidParameter", "(body): give Answers or AnswerXml, not both");
  }
  return { typeId: parsed.QualificationTypeId, answer: toAnswer(parsed) };
}
