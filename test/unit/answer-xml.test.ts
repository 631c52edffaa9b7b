// buildAnswerXml writes the QuestionFormAnswers document by hand (for speed); its output must stay exactly what
// the xmlbuilder2 serialisation it replaced produced, for any answer text.
import fc from "fast-check";
import { create } from "xmlbuilder2";
import { buildAnswerXml, type ParsedAnswer } from "../../src/domain/questions/answers";
import { NAMESPACES } from "../../src/domain/questions/namespaces";
import { parseQuestion } from "../../src/domain/questions/question";

/** The former serialisation, verbatim. */
function viaXmlbuilder2(answers: ParsedAnswer[]): string {
  const xmlCharacters = (value: string) => value.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "");
  const asciiOnly = (xml: string) => xml.replace(/[^\u0000-\u007F]|\r/gu, (char) => `&#${char.codePointAt(0)};`);
  const doc = create({ version: "1.0", encoding: "ASCII" });
  const root = doc.ele(NAMESPACES.questionFormAnswers, "QuestionFormAnswers");
  for (const answer of answers) {
    const element = root.ele("Answer");
    const add = (name: string, value: string) => element.ele(name).txt(xmlCharacters(value));
    add("QuestionIdentifier", answer.QuestionIdentifier);
    if (answer.FreeText !== undefined) add("FreeText", answer.FreeText);
    answer.SelectionIdentifiers?.forEach((id) => add("SelectionIdentifier", id));
    if (answer.OtherSelectionText !== undefined) add("OtherSelectionText", answer.OtherSelectionText);
    if (answer.UploadedFileSizeInBytes !== undefined) add("UploadedFileSizeInBytes", String(answer.UploadedFileSizeInBytes));
    if (answer.UploadedFileKey !== undefined) add("UploadedFileKey", answer.UploadedFileKey);
  }
  return asciiOnly(doc.end({ prettyPrint: false }));
}

// Names are never empty (the real forms' field names); text is anything, astral, control and lone surrogates included.
const text = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.constantFrom("", "a&b<c>d", "]]>", "\r\n", "\u0000\uD800x"));
const name = fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 12 }).filter((s) => /\S/.test(s));

describe("the QuestionFormAnswers document", () => {
  it("is byte for byte the former xmlbuilder2 output for free-text answers", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(name, text), { selector: ([n]) => n, maxLength: 6 }), (fields) => {
        const expected = viaXmlbuilder2(fields.map(([QuestionIdentifier, FreeText]) => ({ QuestionIdentifier, FreeText })));
        expect(buildAnswerXml(fields)).toBe(expected);
      }),
      { seed: 8, numRuns: 300 },
    );
  });

  it("is byte for byte the former output for selections and other-selection text", () => {
    const form = parseQuestion(`<QuestionForm xmlns="${NAMESPACES.questionForm["2017-11-06"]}">
      <Question><QuestionIdentifier>color</QuestionIdentifier><QuestionContent><Text>Colour?</Text></QuestionContent>
        <AnswerSpecification><SelectionAnswer><MinSelectionCount>1</MinSelectionCount><MaxSelectionCount>2</MaxSelectionCount>
          <Selections><Selection><SelectionIdentifier>red</SelectionIdentifier><Text>Red</Text></Selection>
            <Selection><SelectionIdentifier>blue</SelectionIdentifier><Text>Blue</Text></Selection><OtherSelection/></Selections>
        </SelectionAnswer></AnswerSpecification></Question>
      <Question><QuestionIdentifier>note</QuestionIdentifier><IsRequired>false</IsRequired><QuestionContent><Text>Note</Text></QuestionContent>
        <AnswerSpecification><FreeTextAnswer/></AnswerSpecification></Question>
    </QuestionForm>`);
    expect(buildAnswerXml({ color: ["red", "blue"] }, form)).toBe(
      viaXmlbuilder2([{ QuestionIdentifier: "color", SelectionIdentifiers: ["red", "blue"] }]),
    );
    expect(buildAnswerXml({ color: "mauve & <taupe>", note: "été\r\n" }, form)).toBe(
      viaXmlbuilder2([
        { QuestionIdentifier: "color", OtherSelectionText: "mauve & <taupe>" },
        { QuestionIdentifier: "note", FreeText: "été\r\n" },
      ]),
    );
    expect(buildAnswerXml({}, form)).toBe(viaXmlbuilder2([]));
  });
});
