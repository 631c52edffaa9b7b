// Exact namespace URIs of the MTurk question-data schemas (MODERN-API.md §5.1).
const BASE = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas";

export const NAMESPACES = {
  externalQuestion: `${BASE}/2006-07-14/ExternalQuestion.xsd`,
  htmlQuestion: `${BASE}/2011-11-11/HTMLQuestion.xsd`,
  questionForm: {
    "2005-10-01": `${BASE}/2005-10-01/QuestionForm.xsd`,
    "2017-11-06": `${BASE}/2017-11-06/QuestionForm.xsd`,
  },
  questionFormAnswers: `${BASE}/2005-10-01/QuestionFormAnswers.xsd`,
  answerKey: `${BASE}/2005-10-01/AnswerKey.xsd`,
} as const;

export type QuestionFormVersion = keyof typeof NAMESPACES.questionForm;
