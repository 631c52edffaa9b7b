import { DomainError } from "../../src/domain/errors";
import { buildAnswerXml, parseAnswerXml, validateAnswers } from "../../src/domain/questions/answers";
import { applyHitLayout } from "../../src/domain/questions/layout";
import {
  QuestionFormDocument, SelectionSpec, checkAnswerKeyAgainstTest, parseAnswerKey, parseQuestion, parseQuestionFormTest,
  scoreAnswerKey,
} from "../../src/domain/questions/question";
import { parseXml } from "../../src/domain/questions/xml";

const NS = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas";
const QF_2005 = `${NS}/2005-10-01/QuestionForm.xsd`;
const QF_2017 = `${NS}/2017-11-06/QuestionForm.xsd`;
const EXTERNAL = `${NS}/2006-07-14/ExternalQuestion.xsd`;
const HTML = `${NS}/2011-11-11/HTMLQuestion.xsd`;
const ANSWERS = `${NS}/2005-10-01/QuestionFormAnswers.xsd`;
const ANSWER_KEY = `${NS}/2005-10-01/AnswerKey.xsd`;
const DECLARATION = '<?xml version="1.0" encoding="ASCII"?>';

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a DomainError");
}

function expectParseError(fn: () => unknown, message: string | RegExp) {
  const e = caught(fn);
  expect(e.kind).toBe("RequestError");
  expect(e.turkErrorCode).toBe("AWS.MechanicalTurk.XMLParseError");
  expect(e.message).toMatch(message);
}

function expectInvalid(fn: () => unknown, message: string | RegExp) {
  const e = caught(fn);
  expect(e.kind).toBe("ParameterValidationError");
  expect(e.turkErrorCode).toBeUndefined();
  if (typeof message === "string") expect(e.message).toBe(message);
  else expect(e.message).toMatch(message);
}

const schemaMessage = (detail: string) => `The value of Question does not validate against the schema: ${detail}`;

// The tic-tac-toe example of the QuestionForm documentation: an Overview, a free-text and a radio question.
const SAMPLE_FORM = `<?xml version="1.0" encoding="UTF-8"?>
<QuestionForm xmlns="${QF_2005}">
  <Overview>
    <Title>Game 01523, "X" to play</Title>
    <Text>You are helping to decide the next move in a game of Tic-Tac-Toe. The board looks like this:</Text>
    <Binary>
      <MimeType><Type>image</Type><SubType>gif</SubType></MimeType>
      <DataURL>http://tictactoe.amazon.com/game/01523/board.gif</DataURL>
      <AltText>The game board, with "X" to move.</AltText>
    </Binary>
    <Text>Player "X" has the next move.</Text>
  </Overview>
  <Question>
    <QuestionIdentifier>nextmove</QuestionIdentifier>
    <DisplayName>The Next Move</DisplayName>
    <IsRequired>true</IsRequired>
    <QuestionContent>
      <Text>What are the coordinates of the best move for player "X" in this game?</Text>
    </QuestionContent>
    <AnswerSpecification>
      <FreeTextAnswer>
        <Constraints>
          <Length minLength="2" maxLength="2" />
        </Constraints>
        <DefaultText>C1</DefaultText>
      </FreeTextAnswer>
    </AnswerSpecification>
  </Question>
  <Question>
    <QuestionIdentifier>likelytowin</QuestionIdentifier>
    <DisplayName>The Next Move</DisplayName>
    <IsRequired>true</IsRequired>
    <QuestionContent>
      <Text>How likely is it that player "X" will win this game?</Text>
    </QuestionContent>
    <AnswerSpecification>
      <SelectionAnswer>
        <StyleSuggestion>radiobutton</StyleSuggestion>
        <Selections>
          <Selection><SelectionIdentifier>notlikely</SelectionIdentifier><Text>Not likely</Text></Selection>
          <Selection><SelectionIdentifier>unsure</SelectionIdentifier><Text>It could go either way</Text></Selection>
          <Selection><SelectionIdentifier>likely</SelectionIdentifier><Text>Likely</Text></Selection>
        </Selections>
      </SelectionAnswer>
    </AnswerSpecification>
  </Question>
</QuestionForm>`;

/** A one-question form whose Question body (identifier included) is `body`. */
const formWith = (body: string, namespace = QF_2005) =>
  `<QuestionForm xmlns="${namespace}"><Question>${body}</Question></QuestionForm>`;
const freeTextQuestion = (id = "q1") =>
  `<QuestionIdentifier>${id}</QuestionIdentifier><QuestionContent><Text>Why?</Text></QuestionContent>` +
  `<AnswerSpecification><FreeTextAnswer/></AnswerSpecification>`;
const withAnswer = (answer: string, id = "q1") =>
  `<QuestionIdentifier>${id}</QuestionIdentifier><QuestionContent><Text>Q</Text></QuestionContent>` +
  `<AnswerSpecification>${answer}</AnswerSpecification>`;
const FILE_UPLOAD = "<FileUploadAnswer><MaxFileSizeInBytes>1000</MaxFileSizeInBytes><MinFileSizeInBytes>10</MinFileSizeInBytes></FileUploadAnswer>";

const asForm = (xml: string) => parseQuestion(xml) as QuestionFormDocument;

describe("parseXml", () => {
  it("resolves default and prefixed namespaces, keeps attributes, CDATA and document order", () => {
    const root = parseXml(
      `<?xml version="1.0"?><r xmlns="urn:a" xmlns:b="urn:b" id="1 &amp; 2"><b:x/>t&lt;&#65;&#x42;<![CDATA[<p>&amp;</p>]]><!-- gone --><y xmlns=""/></r>`,
      "Question",
    );
    expect(root).toMatchObject({ name: "r", namespace: "urn:a", attributes: { id: "1 & 2" } });
    expect(root.children).toEqual([
      { kind: "element", name: "x", namespace: "urn:b", attributes: {}, children: [] },
      { kind: "text", text: "t<AB", cdata: false },
      { kind: "text", text: "<p>&amp;</p>", cdata: true },
      { kind: "element", name: "y", namespace: "", attributes: {}, children: [] },
    ]);
  });

  it("refuses a billion-laughs DTD quickly, without expanding anything", () => {
    const entities = Array.from({ length: 10 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("");
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${entities}]><lolz>&lol10;</lolz>`;
    const started = Date.now();
    expectParseError(() => parseXml(bomb, "Question"), "The value of Question is not well-formed XML: it contains a document type declaration (<!DOCTYPE or <!ENTITY). DTDs are not allowed.");
    expect(Date.now() - started).toBeLessThan(100);
  });

  it("refuses an external-entity (XXE) DTD", () => {
    expectParseError(() => parseXml(`<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>`, "Question"), /DTDs are not allowed/);
  });

  it("is not fooled by an unterminated CDATA section, and stays fast on many of them", () => {
    expectParseError(() => parseXml(`<r><![CDATA[x<!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>`, "Question"), /DTDs are not allowed/);
    const started = Date.now();
    expectParseError(() => parseXml(`<r>${"<![CDATA[<!--".repeat(20000)}</r>`, "Question"), /not well-formed XML/);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it("allows <!DOCTYPE inside CDATA and comments", () => {
    const root = parseXml(`<!-- <!DOCTYPE x> --><r><![CDATA[<!DOCTYPE html><html></html>]]></r>`, "Question");
    expect(root.children).toEqual([{ kind: "text", text: "<!DOCTYPE html><html></html>", cdata: true }]);
  });

  it.each([
    ["<r><a></r>", /^The value of Question is not well-formed XML: line 1, column \d+: Expected closing tag 'a'/],
    ['\n<?xml version="1.0"?><r/>', "line 2, column 6: XML declaration allowed only at the start of the document."],
    ["", /Start tag expected/],
    ["<a/><b/>", "a document must have exactly one root element, found 2."],
    ["<r>&nbsp;</r>", "the entity &nbsp; is not defined"],
    ['<r a="x & y"/>', "write a literal & as &amp;"],
    ['<r a="<"/>', 'contains "<", which must be written as &lt;'],
    ["<r>&#0;</r>", "&#0; is not a reference to a character XML allows."],
    ["<r>\u0001</r>", "it contains the character U+0001, which XML does not allow."],
    ["<p:r/>", 'the namespace prefix "p" of <p:r> is not declared.'],
    [`${"<a>".repeat(150)}${"</a>".repeat(150)}`, "elements are nested more than 100 levels deep."],
  ])("reports malformed XML %#", (xml, message) => {
    expectParseError(() => parseXml(xml, "Question"), message);
  });
});

describe("parseQuestion: ExternalQuestion", () => {
  const external = (url: string, height = "400") =>
    `<ExternalQuestion xmlns="${EXTERNAL}"><ExternalURL>${url}</ExternalURL><FrameHeight>${height}</FrameHeight></ExternalQuestion>`;

  it("parses an HTTPS ExternalQuestion", () => {
    expect(parseQuestion(external("https://example.com/task?x=1&amp;y=2", "0"))).toEqual({
      kind: "ExternalQuestion",
      externalUrl: "https://example.com/task?x=1&y=2",
      frameHeight: 0,
    });
  });

  it("rejects plain http with the real service's message", () => {
    expectInvalid(
      () => parseQuestion(external("http://example.com/x")),
      'The value "http://example.com/x" is not valid for the parameter ExternalURL. This URL must use the HTTPS protocol.',
    );
  });

  it.each(["http://localhost:3000/task", "http://127.0.0.1/x", "http://127.8.9.10:8080/", "http://[::1]:5000/a"])(
    "accepts http to the local machine (%s), a deliberate difference for local development",
    (url) => {
      expect(parseQuestion(external(url))).toMatchObject({ kind: "ExternalQuestion", externalUrl: url });
    },
  );

  it.each(["http://localhost.example.com/", "ftp://localhost/x", "http://128.0.0.1/"])("still rejects %s", (url) => {
    expectInvalid(() => parseQuestion(external(url)), /This URL must use the HTTPS protocol\.$/);
  });

  it("rejects a relative URL", () => {
    expectInvalid(() => parseQuestion(external("/task")), 'The value "/task" is not valid for the parameter ExternalURL. It must be an absolute https:// URL.');
  });

  it.each([
    ["-1", 'ExternalQuestion/FrameHeight must be a non-negative integer (the frame height in pixels, or 0 to resize automatically), not "-1".'],
    ["tall", 'ExternalQuestion/FrameHeight must be a non-negative integer (the frame height in pixels, or 0 to resize automatically), not "tall".'],
  ])("rejects FrameHeight %s", (height, detail) => {
    expectInvalid(() => parseQuestion(external("https://example.com/", height)), schemaMessage(detail));
  });

  it("requires FrameHeight", () => {
    const xml = `<ExternalQuestion xmlns="${EXTERNAL}"><ExternalURL>https://example.com/</ExternalURL></ExternalQuestion>`;
    expectInvalid(() => parseQuestion(xml), schemaMessage("ExternalQuestion is missing FrameHeight."));
  });

  it("names the expected namespace when it is wrong or missing", () => {
    const wrong = external("https://example.com/").replace(EXTERNAL, `${NS}/2005-10-01/ExternalQuestion.xsd`);
    expectInvalid(
      () => parseQuestion(wrong),
      schemaMessage(
        `the ExternalQuestion element must be in the namespace "${EXTERNAL}" (declare it with xmlns="${EXTERNAL}"), but it is in "${NS}/2005-10-01/ExternalQuestion.xsd".`,
      ),
    );
    expectInvalid(() => parseQuestion(external("https://example.com/").replace(` xmlns="${EXTERNAL}"`, "")), /but it has no namespace\.$/);
  });

  it("rejects an unknown root element", () => {
    expectInvalid(() => parseQuestion("<Question/>"), schemaMessage("the root element must be ExternalQuestion, HTMLQuestion or QuestionForm, not Question."));
  });
});

describe("parseQuestion: HTMLQuestion", () => {
  const html = (content: string, height = "<FrameHeight>0</FrameHeight>") =>
    `<HTMLQuestion xmlns="${HTML}"><HTMLContent>${content}</HTMLContent>${height}</HTMLQuestion>`;

  it("parses the documented HTMLQuestion with a DOCTYPE inside CDATA", () => {
    const page = `\n  <!DOCTYPE html>\n  <crowd-form><textarea name="weather"></textarea></crowd-form>\n`;
    expect(parseQuestion(html(`<![CDATA[${page}]]>`, "<FrameHeight>450</FrameHeight>"))).toEqual({
      kind: "HTMLQuestion",
      htmlContent: page,
      frameHeight: 450,
    });
  });

  it("requires non-empty HTMLContent and FrameHeight", () => {
    expectInvalid(() => parseQuestion(html("  ")), schemaMessage("HTMLQuestion/HTMLContent must not be empty."));
    expectInvalid(() => parseQuestion(html("<![CDATA[<p>x</p>]]>", "")), schemaMessage("HTMLQuestion is missing FrameHeight."));
  });

  it("explains that HTML must be wrapped in CDATA", () => {
    expectInvalid(
      () => parseQuestion(html("<p>hi</p>")),
      schemaMessage("HTMLQuestion/HTMLContent must contain only text, but it contains the element p; to pass markup as text, wrap it in <![CDATA[ … ]]>."),
    );
  });
});

describe("parseQuestion: QuestionForm", () => {
  it("parses the documentation's sample form", () => {
    const form = asForm(SAMPLE_FORM);
    expect(form.kind).toBe("QuestionForm");
    expect(form.namespaceVersion).toBe("2005-10-01");
    expect(form.items.map((item) => item.kind)).toEqual(["Overview", "Question", "Question"]);
    const [nextmove, likely] = form.questions;
    expect(nextmove).toMatchObject({
      identifier: "nextmove",
      displayName: "The Next Move",
      isRequired: true,
      answer: { kind: "FreeText", constraints: { length: { minLength: 2, maxLength: 2 }, answerFormatRegexes: [] }, defaultText: "C1" },
    });
    expect(nextmove.content.name).toBe("QuestionContent");
    const selection = likely.answer as SelectionSpec;
    expect(selection).toMatchObject({ kind: "Selection", styleSuggestion: "radiobutton", minSelectionCount: 1, maxSelectionCount: 1 });
    expect(selection.selections.map((s) => [s.identifier, s.content.name])).toEqual([
      ["notlikely", "Text"],
      ["unsure", "Text"],
      ["likely", "Text"],
    ]);
    const overview = form.items[0];
    expect(overview.kind === "Overview" && overview.content.children.filter((c) => c.kind === "element").map((c) => c.kind === "element" && c.name)).toEqual([
      "Title",
      "Text",
      "Binary",
      "Text",
    ]);
  });

  it("reads every FreeText constraint and selection option", () => {
    const form = asForm(
      `<QuestionForm xmlns="${QF_2017}">
        <Question>
          <QuestionIdentifier>age</QuestionIdentifier>
          <QuestionContent><FormattedContent><![CDATA[<p>Your <b>age</b>?</p>]]></FormattedContent></QuestionContent>
          <AnswerSpecification><FreeTextAnswer>
            <Constraints>
              <IsNumeric minValue="18" maxValue="120"/>
              <Length maxLength="3"/>
              <AnswerFormatRegex regex="^\\d+$" errorText="Digits only."/>
              <AnswerFormatRegex regex="^[1-9]" flags="i"/>
            </Constraints>
            <NumberOfLinesSuggestion>1</NumberOfLinesSuggestion>
          </FreeTextAnswer></AnswerSpecification>
        </Question>
        <Question>
          <QuestionIdentifier>colours</QuestionIdentifier>
          <IsRequired>0</IsRequired>
          <QuestionContent><Text>Pick colours</Text></QuestionContent>
          <AnswerSpecification><SelectionAnswer>
            <MinSelectionCount>1</MinSelectionCount><MaxSelectionCount>2</MaxSelectionCount>
            <StyleSuggestion>checkbox</StyleSuggestion>
            <Selections>
              <Selection><SelectionIdentifier>red</SelectionIdentifier><FormattedContent><![CDATA[<i>Red</i>]]></FormattedContent></Selection>
              <Selection><SelectionIdentifier>blue</SelectionIdentifier><Text>Blue</Text></Selection>
              <OtherSelection><Constraints><Length minLength="3"/></Constraints></OtherSelection>
            </Selections>
          </SelectionAnswer></AnswerSpecification>
        </Question>
      </QuestionForm>`,
    );
    expect(form.namespaceVersion).toBe("2017-11-06");
    expect(form.questions[0]).toMatchObject({
      isRequired: false,
      answer: {
        kind: "FreeText",
        constraints: {
          isNumeric: { minValue: 18, maxValue: 120 },
          length: { maxLength: 3 },
          answerFormatRegexes: [{ regex: "^\\d+$", errorText: "Digits only." }, { regex: "^[1-9]", flags: "i" }],
        },
        numberOfLinesSuggestion: 1,
      },
    });
    expect(form.questions[1]).toMatchObject({
      isRequired: false,
      answer: {
        kind: "Selection",
        styleSuggestion: "checkbox",
        minSelectionCount: 1,
        maxSelectionCount: 2,
        otherSelection: { kind: "FreeText", constraints: { length: { minLength: 3 } } },
      },
    });
  });

  it("accepts FileUploadAnswer and Application in 2005-10-01", () => {
    const form = asForm(formWith(withAnswer(FILE_UPLOAD)));
    expect(form.questions[0].answer).toEqual({ kind: "FileUpload", minFileSizeInBytes: 10, maxFileSizeInBytes: 1000 });
    const application =
      "<Application><JavaApplet><AppletPath>http://example.com/</AppletPath><AppletFilename>a.class</AppletFilename>" +
      "<Width>10</Width><Height>10</Height></JavaApplet></Application>";
    expect(() => parseQuestion(formWith(freeTextQuestion().replace("<Text>Why?</Text>", application)))).not.toThrow();
  });

  it("refuses FileUploadAnswer and Application in 2017-11-06", () => {
    expectInvalid(
      () => parseQuestion(formWith(withAnswer(FILE_UPLOAD), QF_2017)),
      schemaMessage(
        "QuestionForm/Question[1]/AnswerSpecification/FileUploadAnswer: FileUploadAnswer is not allowed in the 2017-11-06 QuestionForm schema (it was removed on 2017-12-12).",
      ),
    );
    const flash =
      "<Application><Flash><FlashMovieURL>https://example.com/m.swf</FlashMovieURL><Width>1</Width><Height>1</Height></Flash></Application>";
    expectInvalid(() => parseQuestion(formWith(freeTextQuestion().replace("<Text>Why?</Text>", flash), QF_2017)), /Application is not allowed in the 2017-11-06/);
  });

  it("names both accepted namespaces when the namespace is wrong", () => {
    expectInvalid(
      () => parseQuestion(formWith(freeTextQuestion(), `${NS}/2006-07-14/QuestionForm.xsd`)),
      schemaMessage(
        `the QuestionForm element must be in the namespace "${QF_2005}" or "${QF_2017}" (declare it with xmlns="${QF_2005}"), but it is in "${NS}/2006-07-14/QuestionForm.xsd".`,
      ),
    );
  });

  it("rejects a child element in another namespace", () => {
    const xml = `<QuestionForm xmlns="${QF_2005}"><Question xmlns="urn:other">${freeTextQuestion()}</Question></QuestionForm>`;
    expectInvalid(() => parseQuestion(xml), schemaMessage(`QuestionForm/Question[1] is in the namespace "urn:other"; it must be in "${QF_2005}".`));
  });

  it("accepts a prefixed QuestionForm", () => {
    const xml = `<qf:QuestionForm xmlns:qf="${QF_2005}"><qf:Question><qf:QuestionIdentifier>a</qf:QuestionIdentifier><qf:QuestionContent><qf:Text>x</qf:Text></qf:QuestionContent><qf:AnswerSpecification><qf:FreeTextAnswer/></qf:AnswerSpecification></qf:Question></qf:QuestionForm>`;
    expect(asForm(xml).questions[0].identifier).toBe("a");
  });

  it.each([
    [
      "a missing QuestionIdentifier",
      `<QuestionForm xmlns="${QF_2005}"><Question>${freeTextQuestion()}</Question><Question>${freeTextQuestion("q2").replace("<QuestionIdentifier>q2</QuestionIdentifier>", "")}</Question></QuestionForm>`,
      "QuestionForm/Question[2] is missing QuestionIdentifier.",
    ],
    [
      "a missing QuestionContent",
      formWith("<QuestionIdentifier>q</QuestionIdentifier><AnswerSpecification><FreeTextAnswer/></AnswerSpecification>"),
      "QuestionForm/Question[1] is missing QuestionContent.",
    ],
    [
      "a missing AnswerSpecification",
      formWith("<QuestionIdentifier>q</QuestionIdentifier><QuestionContent><Text>x</Text></QuestionContent>"),
      "QuestionForm/Question[1] is missing AnswerSpecification.",
    ],
    [
      "an empty AnswerSpecification",
      formWith(withAnswer("")),
      "QuestionForm/Question[1]/AnswerSpecification is missing one of FreeTextAnswer, SelectionAnswer, FileUploadAnswer.",
    ],
    [
      "two answer kinds",
      formWith(withAnswer("<FreeTextAnswer/><FreeTextAnswer/>")),
      "QuestionForm/Question[1]/AnswerSpecification must contain only one of FreeTextAnswer, SelectionAnswer, FileUploadAnswer.",
    ],
    [
      "elements out of order",
      formWith("<QuestionContent><Text>x</Text></QuestionContent><QuestionIdentifier>q</QuestionIdentifier><AnswerSpecification><FreeTextAnswer/></AnswerSpecification>"),
      "QuestionForm/Question[1]/QuestionIdentifier is out of order; the order must be QuestionIdentifier, DisplayName, IsRequired, QuestionContent, AnswerSpecification.",
    ],
    [
      "DisplayName after IsRequired",
      formWith(freeTextQuestion().replace("<QuestionContent>", "<IsRequired>true</IsRequired><DisplayName>d</DisplayName><QuestionContent>")),
      "QuestionForm/Question[1]/DisplayName is out of order; the order must be QuestionIdentifier, DisplayName, IsRequired, QuestionContent, AnswerSpecification.",
    ],
    [
      "a repeated DisplayName",
      formWith(freeTextQuestion().replace("<QuestionContent>", "<DisplayName>a</DisplayName><DisplayName>b</DisplayName><QuestionContent>")),
      "QuestionForm/Question[1] has more than one DisplayName.",
    ],
    [
      "an unknown element",
      formWith(freeTextQuestion().replace("<QuestionContent>", "<Hint>h</Hint><QuestionContent>")),
      "QuestionForm/Question[1] contains the unexpected element Hint; allowed elements are QuestionIdentifier, DisplayName, IsRequired, QuestionContent, AnswerSpecification.",
    ],
    ["stray text", formWith(`hello ${freeTextQuestion()}`), 'QuestionForm/Question[1] contains the text "hello", but only elements are allowed there.'],
    ["an empty QuestionIdentifier", formWith(freeTextQuestion(" ")), "QuestionForm/Question[1]/QuestionIdentifier must not be empty."],
    ["a bad IsRequired", formWith(freeTextQuestion().replace("<QuestionContent>", "<IsRequired>yes</IsRequired><QuestionContent>")), 'QuestionForm/Question[1]/IsRequired must be true or false, not "yes".'],
    ["empty QuestionContent", formWith(withAnswer("<FreeTextAnswer/>").replace("<Text>Q</Text>", "")), "QuestionForm/Question[1]/QuestionContent is missing one of Title, Text, List, FormattedContent, Binary, Application, EmbeddedBinary."],
    [
      "a bad StyleSuggestion",
      formWith(withAnswer("<SelectionAnswer><StyleSuggestion>slider</StyleSuggestion><Selections><Selection><SelectionIdentifier>a</SelectionIdentifier><Text>A</Text></Selection></Selections></SelectionAnswer>")),
      'QuestionForm/Question[1]/AnswerSpecification/SelectionAnswer/StyleSuggestion must be one of radiobutton, checkbox, list, dropdown, combobox, multichooser, not "slider".',
    ],
    [
      "no Selections",
      formWith(withAnswer("<SelectionAnswer><Selections/></SelectionAnswer>")),
      "QuestionForm/Question[1]/AnswerSpecification/SelectionAnswer/Selections is missing Selection.",
    ],
    [
      "a bad IsNumeric attribute",
      formWith(withAnswer('<FreeTextAnswer><Constraints><IsNumeric minValue="one"/></Constraints></FreeTextAnswer>')),
      'the minValue attribute of QuestionForm/Question[1]/AnswerSpecification/FreeTextAnswer/Constraints/IsNumeric must be an integer between -2147483648 and 2147483647, not "one".',
    ],
    [
      "an unknown attribute",
      formWith(withAnswer('<FreeTextAnswer><Constraints><Length min="1"/></Constraints></FreeTextAnswer>')),
      "QuestionForm/Question[1]/AnswerSpecification/FreeTextAnswer/Constraints/Length has an unexpected attribute min; allowed attributes are minLength, maxLength.",
    ],
    [
      "a regex without its regex attribute",
      formWith(withAnswer('<FreeTextAnswer><Constraints><AnswerFormatRegex errorText="x"/></Constraints></FreeTextAnswer>')),
      "QuestionForm/Question[1]/AnswerSpecification/FreeTextAnswer/Constraints/AnswerFormatRegex[1] is missing the required attribute regex.",
    ],
    [
      "a zero file size",
      formWith(withAnswer(FILE_UPLOAD.replace(">10<", ">0<"))),
      'QuestionForm/Question[1]/AnswerSpecification/FileUploadAnswer/MinFileSizeInBytes must be a positive integer no greater than 2000000000, not "0".',
    ],
    [
      "a Binary with a non-http URL",
      formWith(freeTextQuestion().replace("<Text>Why?</Text>", "<Binary><MimeType><Type>image</Type></MimeType><DataURL>ftp://x/y.png</DataURL><AltText>a</AltText></Binary>")),
      'QuestionForm/Question[1]/QuestionContent/Binary[1]/DataURL must be an http:// or https:// URL, not "ftp://x/y.png".',
    ],
    ["only an Overview", `<QuestionForm xmlns="${QF_2005}"><Overview><Text>x</Text></Overview></QuestionForm>`, "QuestionForm must contain at least one Question."],
    ["an empty form", `<QuestionForm xmlns="${QF_2005}"/>`, "QuestionForm is missing one of Overview, Question."],
  ])("rejects %s", (_, xml, detail) => {
    expectInvalid(() => parseQuestion(xml), schemaMessage(detail));
  });

  it.each([
    [
      "duplicate QuestionIdentifiers",
      `<QuestionForm xmlns="${QF_2005}"><Question>${freeTextQuestion("dup")}</Question><Overview><Text>x</Text></Overview><Question>${freeTextQuestion("dup")}</Question></QuestionForm>`,
      'QuestionForm/Question[2] has the QuestionIdentifier "dup", which QuestionForm/Question[1] already uses; QuestionIdentifiers must be unique.',
    ],
    [
      "duplicate SelectionIdentifiers",
      formWith(withAnswer("<SelectionAnswer><Selections><Selection><SelectionIdentifier>a</SelectionIdentifier><Text>A</Text></Selection><Selection><SelectionIdentifier>a</SelectionIdentifier><Text>B</Text></Selection></Selections></SelectionAnswer>")),
      'QuestionForm/Question[1]/AnswerSpecification/SelectionAnswer/Selections/Selection[2] repeats the SelectionIdentifier "a"; SelectionIdentifiers must be unique within a question.',
    ],
    [
      "an invalid regex",
      formWith(withAnswer('<FreeTextAnswer><Constraints><AnswerFormatRegex regex="(["/></Constraints></FreeTextAnswer>')),
      /^QuestionForm\/Question\[1\]\/AnswerSpecification\/FreeTextAnswer\/Constraints\/AnswerFormatRegex\[1\] is not a valid JavaScript regular expression: /,
    ],
    [
      "minLength above maxLength",
      formWith(withAnswer('<FreeTextAnswer><Constraints><Length minLength="5" maxLength="2"/></Constraints></FreeTextAnswer>')),
      "QuestionForm/Question[1]/AnswerSpecification/FreeTextAnswer/Constraints/Length has minLength 5 greater than maxLength 2.",
    ],
    [
      "MinSelectionCount above MaxSelectionCount",
      formWith(withAnswer("<SelectionAnswer><MinSelectionCount>3</MinSelectionCount><MaxSelectionCount>2</MaxSelectionCount><Selections><Selection><SelectionIdentifier>a</SelectionIdentifier><Text>A</Text></Selection></Selections></SelectionAnswer>")),
      "QuestionForm/Question[1]/AnswerSpecification/SelectionAnswer has MinSelectionCount 3 greater than MaxSelectionCount 2.",
    ],
    [
      "malformed FormattedContent",
      formWith(freeTextQuestion().replace("<Text>Why?</Text>", "<FormattedContent><![CDATA[<p>unclosed]]></FormattedContent>")),
      /^QuestionForm\/Question\[1\]\/QuestionContent\/FormattedContent\[1\] is not well-formed XHTML: /,
    ],
  ])("rejects %s", (_, xml, detail) => {
    const prefix = "The value of Question is not valid: ";
    expectInvalid(() => parseQuestion(xml), typeof detail === "string" ? prefix + detail : new RegExp(prefix + detail.source.slice(1)));
  });

  it("reports malformed question XML as XMLParseError", () => {
    expectParseError(() => parseQuestion(`<QuestionForm xmlns="${QF_2005}"><Question></QuestionForm>`), /^The value of Question is not well-formed XML: /);
  });

  it("enforces the 65,535-byte limit in UTF-8 bytes", () => {
    const padding = (n: number) => `<!--${"é".repeat(n)}-->`;
    const base = formWith(freeTextQuestion());
    const fits = base + padding((65535 - Buffer.byteLength(base) - 7) / 2);
    expect(Buffer.byteLength(fits)).toBe(65535);
    expect(() => parseQuestion(fits)).not.toThrow();
    expectInvalid(
      () => parseQuestion(fits + " "),
      "The value of Question is 65536 bytes long, which exceeds the maximum of 65535 bytes (measured in UTF-8, including whitespace).",
    );
  });
});

describe("parseQuestionFormTest", () => {
  it("parses a QuestionForm test", () => {
    expect(parseQuestionFormTest(SAMPLE_FORM).questions).toHaveLength(2);
  });

  it("refuses ExternalQuestion and HTMLQuestion, naming Test", () => {
    const external = `<ExternalQuestion xmlns="${EXTERNAL}"><ExternalURL>https://x.example/</ExternalURL><FrameHeight>0</FrameHeight></ExternalQuestion>`;
    expectInvalid(
      () => parseQuestionFormTest(external),
      "The value of Test does not validate against the schema: a Qualification test must be a QuestionForm; ExternalQuestion cannot be used in a Qualification test.",
    );
    expectInvalid(() => parseQuestionFormTest(`<HTMLQuestion xmlns="${HTML}"/>`), /HTMLQuestion cannot be used in a Qualification test\.$/);
  });

  it("names Test in schema, parse and size errors", () => {
    expectInvalid(() => parseQuestionFormTest(formWith(freeTextQuestion(" "))), /^The value of Test does not validate against the schema: /);
    expectParseError(() => parseQuestionFormTest("<QuestionForm>"), /^The value of Test is not well-formed XML: /);
    expectInvalid(() => parseQuestionFormTest(" ".repeat(70000)), /^The value of Test is 70000 bytes long/);
  });
});

describe("applyHitLayout", () => {
  const template = '<img src="${image_url}"/><p>${caption}</p><p>${caption}</p>';

  it("substitutes every placeholder and produces a valid HTMLQuestion", () => {
    const question = applyHitLayout(template, [
      { Name: "image_url", Value: "https://example.com/a.png" },
      { Name: "caption", Value: "<b>Cats</b> & dogs" },
    ]);
    expect(question).toBe(
      `<HTMLQuestion xmlns="${HTML}"><HTMLContent><![CDATA[<img src="https://example.com/a.png"/><p><b>Cats</b> & dogs</p><p><b>Cats</b> & dogs</p>]]></HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>`,
    );
    expect(parseQuestion(question)).toMatchObject({ kind: "HTMLQuestion", frameHeight: 0 });
  });

  it("keeps a ]]> in the content intact", () => {
    const question = applyHitLayout("<p>${x}</p>", [{ Name: "x", Value: "a]]>b" }]);
    expect(parseQuestion(question)).toMatchObject({ htmlContent: "<p>a]]>b</p>" });
  });

  it("requires a value for every placeholder", () => {
    expectInvalid(
      () => applyHitLayout(template, [{ Name: "caption", Value: "x" }]),
      "The HIT layout has placeholders with no HITLayoutParameter: ${image_url}. Give a value for every placeholder.",
    );
  });

  it("rejects parameters the layout does not use, and repeated ones", () => {
    const params = [
      { Name: "image_url", Value: "u" },
      { Name: "caption", Value: "c" },
    ];
    expectInvalid(() => applyHitLayout(template, [...params, { Name: "extra", Value: "e" }]), 'The HIT layout has no placeholder for the HITLayoutParameters "extra".');
    expectInvalid(() => applyHitLayout(template, [...params, { Name: "caption", Value: "again" }]), 'The HITLayoutParameter "caption" is given more than once.');
  });

  it("enforces the Question size limit on the merged document", () => {
    expectInvalid(() => applyHitLayout("${big}", [{ Name: "big", Value: "x".repeat(65535) }]), /^The HIT layout merged with its HITLayoutParameters is \d+ bytes long/);
  });
});

describe("buildAnswerXml", () => {
  const answerDoc = (answers: string) => `${DECLARATION}<QuestionFormAnswers xmlns="${ANSWERS}">${answers}</QuestionFormAnswers>`;
  const free = (id: string, text: string) => `<Answer><QuestionIdentifier>${id}</QuestionIdentifier><FreeText>${text}</FreeText></Answer>`;

  it("produces the real service's one-line ASCII document", () => {
    expect(buildAnswerXml({ plausibility: "4" })).toBe(
      '<?xml version="1.0" encoding="ASCII"?><QuestionFormAnswers xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd"><Answer><QuestionIdentifier>plausibility</QuestionIdentifier><FreeText>4</FreeText></Answer></QuestionFormAnswers>',
    );
  });

  it("escapes markup and writes non-ASCII as character references", () => {
    expect(buildAnswerXml({ "q<1>": 'a < b & c > "d" \'e\'', name: "Zoë 😀 日本" })).toBe(
      answerDoc(free("q&lt;1&gt;", "a &lt; b &amp; c &gt; \"d\" 'e'") + free("name", "Zo&#235; &#128512; &#26085;&#26412;")),
    );
  });

  it("keeps carriage returns, drops characters XML cannot carry, and keeps empty fields", () => {
    expect(buildAnswerXml([["comment", "line1\r\nline2\u0001\uD800"], ["empty", ""]])).toBe(
      answerDoc(free("comment", "line1&#13;\nline2") + free("empty", "")),
    );
  });

  it("keeps field order and joins repeated field names with |", () => {
    const xml = buildAnswerXml([["b", "1"], ["a", "x"], ["b", "2"]]);
    expect(xml).toBe(answerDoc(free("b", "1|2") + free("a", "x")));
    expect(buildAnswerXml({ colours: ["red", "blue"] })).toBe(answerDoc(free("colours", "red|blue")));
  });

  it("ignores a non-QuestionForm question and refuses file answers without a form", () => {
    const external = parseQuestion(`<ExternalQuestion xmlns="${EXTERNAL}"><ExternalURL>https://x.example/</ExternalURL><FrameHeight>0</FrameHeight></ExternalQuestion>`);
    expect(buildAnswerXml({ a: "1" }, external)).toBe(answerDoc(free("a", "1")));
    expectInvalid(() => buildAnswerXml({ f: { sizeInBytes: 1, key: "k" } }), /only a QuestionForm FileUploadAnswer question can take/);
  });

  describe("with a QuestionForm", () => {
    const form = asForm(SAMPLE_FORM);
    const sel = (id: string) => `<SelectionIdentifier>${id}</SelectionIdentifier>`;
    const answer = (id: string, inner: string) => `<Answer><QuestionIdentifier>${id}</QuestionIdentifier>${inner}</Answer>`;

    it("writes FreeText and SelectionIdentifier answers in form order", () => {
      expect(buildAnswerXml({ likelytowin: "unsure", nextmove: "B2" }, form)).toBe(
        answerDoc(free("nextmove", "B2") + answer("likelytowin", sel("unsure"))),
      );
    });

    it("rejects unknown questions, missing required answers and unknown selections", () => {
      expectInvalid(() => buildAnswerXml({ nextmove: "B2", likelytowin: "likely", extra: "x" }, form), 'There is no question with the QuestionIdentifier "extra" in the QuestionForm.');
      expectInvalid(() => buildAnswerXml({ nextmove: "B2" }, form), 'The answer to question "likelytowin" is not valid: This question requires an answer.');
      expectInvalid(() => buildAnswerXml({ nextmove: "B2", likelytowin: "maybe" }, form), 'The answer to question "likelytowin" is not valid: "maybe" is not one of the choices.');
      expectInvalid(() => buildAnswerXml({ nextmove: ["B2", "C3"], likelytowin: "likely" }, form), 'The answer to question "nextmove" is not valid: This question takes a single text answer.');
    });

    const multi = asForm(
      formWith(
        withAnswer(
          "<SelectionAnswer><MaxSelectionCount>3</MaxSelectionCount><StyleSuggestion>checkbox</StyleSuggestion><Selections>" +
            "<Selection><SelectionIdentifier>red</SelectionIdentifier><Text>Red</Text></Selection>" +
            "<Selection><SelectionIdentifier>blue</SelectionIdentifier><Text>Blue</Text></Selection>" +
            "<OtherSelection/></Selections></SelectionAnswer>",
          "colours",
        ),
      ),
    );

    it("writes several selections and OtherSelectionText; leaves out unanswered optional questions", () => {
      expect(buildAnswerXml([["colours", "blue"], ["colours", "red"], ["colours", "teal"]], multi)).toBe(
        answerDoc(answer("colours", sel("blue") + sel("red") + "<OtherSelectionText>teal</OtherSelectionText>")),
      );
      expect(buildAnswerXml({ colours: [] }, multi)).toBe(`${DECLARATION}<QuestionFormAnswers xmlns="${ANSWERS}"/>`);
      expectInvalid(() => buildAnswerXml({ colours: ["teal", "mauve"] }, multi), /Only one answer other than the listed choices is allowed\.$/);
    });

    it("writes file-upload answers", () => {
      const upload = asForm(formWith(withAnswer(FILE_UPLOAD, "cv")));
      expect(buildAnswerXml({ cv: { sizeInBytes: 512, key: "uploads/cv.pdf" } }, upload)).toBe(
        answerDoc(answer("cv", "<UploadedFileSizeInBytes>512</UploadedFileSizeInBytes><UploadedFileKey>uploads/cv.pdf</UploadedFileKey>")),
      );
      expectInvalid(() => buildAnswerXml({ cv: "cv.pdf" }, upload), /This question takes an uploaded file\.$/);
    });
  });
});

describe("validateAnswers", () => {
  const form = asForm(
    `<QuestionForm xmlns="${QF_2005}">
      <Question>${withAnswer('<FreeTextAnswer><Constraints><IsNumeric minValue="1" maxValue="10"/></Constraints></FreeTextAnswer>', "score")}</Question>
      <Question>${withAnswer('<FreeTextAnswer><Constraints><IsNumeric minValue="0"/><Length minLength="1" maxLength="2"/><AnswerFormatRegex regex="^[0-9]+$" errorText="Whole numbers only."/><AnswerFormatRegex regex="0$"/></Constraints></FreeTextAnswer>', "count")}</Question>
      <Question>${withAnswer('<SelectionAnswer><MinSelectionCount>2</MinSelectionCount><MaxSelectionCount>2</MaxSelectionCount><Selections><Selection><SelectionIdentifier>a</SelectionIdentifier><Text>A</Text></Selection><Selection><SelectionIdentifier>b</SelectionIdentifier><Text>B</Text></Selection><Selection><SelectionIdentifier>c</SelectionIdentifier><Text>C</Text></Selection><OtherSelection><Constraints><Length maxLength="4"/></Constraints></OtherSelection></Selections></SelectionAnswer>', "pick")}</Question>
      <Question><QuestionIdentifier>must</QuestionIdentifier><IsRequired>true</IsRequired><QuestionContent><Text>Q</Text></QuestionContent><AnswerSpecification><FreeTextAnswer/></AnswerSpecification></Question>
      <Question>${withAnswer(FILE_UPLOAD, "file")}</Question>
    </QuestionForm>`,
  );

  it("returns no messages for valid answers", () => {
    expect(validateAnswers(form, { score: "10", count: "20", pick: ["a", "teal"], must: "yes", file: { sizeInBytes: 10, key: "k" } })).toEqual({});
    expect(validateAnswers(form, { must: "yes" })).toEqual({});
  });

  it("returns worker-facing messages per question", () => {
    expect(
      validateAnswers(form, { score: "11", count: "1.5e", pick: ["a", "b", "c"], must: "  ", file: { sizeInBytes: 5, key: "k" }, bogus: "x" }),
    ).toEqual({
      bogus: ["There is no question with this identifier."],
      score: ["The answer must be a number from 1 to 10."],
      count: ["The answer must be a number.", "The answer must be at most 2 characters long.", "Whole numbers only.", "The answer is not in the required format."],
      pick: ["Select at most 2 choices."],
      must: ["This question requires an answer."],
      file: ["The file must be between 10 and 1000 bytes."],
    });
    expect(validateAnswers(form, { score: "abc", count: "-1", pick: ["a", "toolong"], must: "x" })).toEqual({
      score: ["The answer must be a number."],
      count: ["The answer must be at least 0.", "Whole numbers only.", "The answer is not in the required format."],
      pick: ["The answer must be at most 4 characters long."],
    });
    expect(validateAnswers(form, [["pick", "a"], ["must", "x"]])).toEqual({ pick: ["Select at least 2 choices."] });
  });
});

describe("parseAnswerXml", () => {
  it("round-trips buildAnswerXml", () => {
    const form = asForm(
      formWith(
        withAnswer(
          "<SelectionAnswer><MaxSelectionCount>2</MaxSelectionCount><Selections><Selection><SelectionIdentifier>a</SelectionIdentifier><Text>A</Text></Selection><OtherSelection/></Selections></SelectionAnswer>",
          "pick",
        ),
      ).replace("</QuestionForm>", `<Question>${freeTextQuestion("why")}</Question><Question>${withAnswer(FILE_UPLOAD, "file")}</Question></QuestionForm>`),
    );
    const xml = buildAnswerXml({ pick: ["a", "Zoë"], why: "because <reasons> &\r\n more", file: { sizeInBytes: 20, key: "k/1" } }, form);
    expect(parseAnswerXml(xml)).toEqual([
      { QuestionIdentifier: "pick", SelectionIdentifiers: ["a"], OtherSelectionText: "Zoë" },
      { QuestionIdentifier: "why", FreeText: "because <reasons> &\r\n more" },
      { QuestionIdentifier: "file", UploadedFileSizeInBytes: 20, UploadedFileKey: "k/1" },
    ]);
  });

  it("accepts pretty-printed documents and empty selections", () => {
    const xml = `<QuestionFormAnswers xmlns="${ANSWERS}">
      <Answer>
        <QuestionIdentifier>q1</QuestionIdentifier>
      </Answer>
    </QuestionFormAnswers>`;
    expect(parseAnswerXml(xml)).toEqual([{ QuestionIdentifier: "q1", SelectionIdentifiers: [] }]);
  });

  it.each([
    [`<QuestionFormAnswers xmlns="${QF_2005}"/>`, /^The value of Answer does not validate against the schema: the QuestionFormAnswers element must be in the namespace "http:\/\/mechanicalturk\.amazonaws\.com\/AWSMechanicalTurkDataSchemas\/2005-10-01\/QuestionFormAnswers\.xsd"/],
    [`<QuestionFormAnswers xmlns="${ANSWERS}"><Answer><FreeText>x</FreeText></Answer></QuestionFormAnswers>`, "The value of Answer does not validate against the schema: QuestionFormAnswers/Answer[1] is missing QuestionIdentifier."],
    [
      `<QuestionFormAnswers xmlns="${ANSWERS}"><Answer><QuestionIdentifier>q</QuestionIdentifier><SelectionIdentifier>a</SelectionIdentifier><FreeText>x</FreeText></Answer></QuestionFormAnswers>`,
      "The value of Answer does not validate against the schema: QuestionFormAnswers/Answer[1] mixes FreeText and SelectionIdentifier/OtherSelectionText; an Answer holds exactly one kind of answer.",
    ],
    [
      `<QuestionFormAnswers xmlns="${ANSWERS}"><Answer><QuestionIdentifier>q</QuestionIdentifier><UploadedFileSizeInBytes>3</UploadedFileSizeInBytes></Answer></QuestionFormAnswers>`,
      "The value of Answer does not validate against the schema: QuestionFormAnswers/Answer[1] is missing UploadedFileKey.",
    ],
    [
      `<QuestionFormAnswers xmlns="${ANSWERS}"><Answer><QuestionIdentifier>q</QuestionIdentifier><FreeText>1</FreeText></Answer><Answer><QuestionIdentifier>q</QuestionIdentifier><FreeText>2</FreeText></Answer></QuestionFormAnswers>`,
      'The value of Answer is not valid: QuestionFormAnswers/Answer[2] repeats the QuestionIdentifier "q"; give one Answer per question.',
    ],
  ])("rejects an invalid document %#", (xml, message) => {
    expectInvalid(() => parseAnswerXml(xml), message);
  });

  it("reports malformed AnswerXml as XMLParseError", () => {
    expectParseError(() => parseAnswerXml("<QuestionFormAnswers><Answer>"), /^The value of Answer is not well-formed XML: /);
  });
});

describe("AnswerKey", () => {
  const keyDoc = (mapping = "") => `<AnswerKey xmlns="${ANSWER_KEY}">
    <Question>
      <QuestionIdentifier>likelytowin</QuestionIdentifier>
      <AnswerOption><SelectionIdentifier>likely</SelectionIdentifier><AnswerScore>10</AnswerScore></AnswerOption>
      <AnswerOption><SelectionIdentifier>unsure</SelectionIdentifier><AnswerScore>5</AnswerScore></AnswerOption>
      <DefaultScore>-2</DefaultScore>
    </Question>
    <Question>
      <QuestionIdentifier>colours</QuestionIdentifier>
      <AnswerOption><SelectionIdentifier>red</SelectionIdentifier><SelectionIdentifier>blue</SelectionIdentifier><AnswerScore>7</AnswerScore></AnswerOption>
    </Question>
    ${mapping}
  </AnswerKey>`;
  const answers = (likely: string[], colours: string[]) => [
    { QuestionIdentifier: "likelytowin", SelectionIdentifiers: likely },
    { QuestionIdentifier: "colours", SelectionIdentifiers: colours },
  ];

  it("parses a key", () => {
    expect(parseAnswerKey(keyDoc())).toEqual({
      questions: [
        { identifier: "likelytowin", options: [{ selectionIdentifiers: ["likely"], answerScore: 10 }, { selectionIdentifiers: ["unsure"], answerScore: 5 }], defaultScore: -2 },
        { identifier: "colours", options: [{ selectionIdentifiers: ["red", "blue"], answerScore: 7 }], defaultScore: 0 },
      ],
      mapping: undefined,
    });
  });

  it("sums exactly matching options, else DefaultScore", () => {
    const key = parseAnswerKey(keyDoc());
    expect(scoreAnswerKey(key, answers(["likely"], ["blue", "red"]))).toBe(17);
    expect(scoreAnswerKey(key, answers(["unsure"], ["red"]))).toBe(5);
    expect(scoreAnswerKey(key, answers(["notlikely"], ["red", "blue", "green"]))).toBe(-2);
    expect(scoreAnswerKey(key, [])).toBe(-2);
  });

  it("applies PercentageMapping with rounding to the nearest integer", () => {
    const key = parseAnswerKey(keyDoc("<QualificationValueMapping><PercentageMapping><MaximumSummedScore>17</MaximumSummedScore></PercentageMapping></QualificationValueMapping>"));
    expect(key.mapping).toEqual({ kind: "PercentageMapping", maximumSummedScore: 17 });
    expect(scoreAnswerKey(key, answers(["likely"], ["red", "blue"]))).toBe(100);
    expect(scoreAnswerKey(key, answers(["likely"], []))).toBe(59); // 10/17 = 58.8%
    expect(scoreAnswerKey(key, answers(["unsure"], []))).toBe(29); // 5/17 = 29.4%
  });

  it("applies ScaleMapping", () => {
    const key = parseAnswerKey(keyDoc("<QualificationValueMapping><ScaleMapping><SummedScoreMultiplier>1.5</SummedScoreMultiplier></ScaleMapping></QualificationValueMapping>"));
    expect(scoreAnswerKey(key, answers(["likely"], ["red", "blue"]))).toBe(26); // 25.5 rounds up
    expect(scoreAnswerKey(key, answers(["unsure"], []))).toBe(8); // 7.5
  });

  it("applies RangeMapping, with the out-of-range value as fallback", () => {
    const key = parseAnswerKey(
      keyDoc(`<QualificationValueMapping><RangeMapping>
        <SummedScoreRange><InclusiveLowerBound>0</InclusiveLowerBound><InclusiveUpperBound>9</InclusiveUpperBound><QualificationValue>1</QualificationValue></SummedScoreRange>
        <SummedScoreRange><InclusiveLowerBound>10</InclusiveLowerBound><InclusiveUpperBound>17</InclusiveUpperBound><QualificationValue>2</QualificationValue></SummedScoreRange>
        <OutOfRangeQualificationValue>0</OutOfRangeQualificationValue>
      </RangeMapping></QualificationValueMapping>`),
    );
    expect(scoreAnswerKey(key, answers(["unsure"], []))).toBe(1);
    expect(scoreAnswerKey(key, answers(["likely"], ["red", "blue"]))).toBe(2);
    expect(scoreAnswerKey(key, answers(["no"], []))).toBe(0);
  });

  it.each([
    [keyDoc().replace(ANSWER_KEY, QF_2005), /^The value of AnswerKey does not validate against the schema: the AnswerKey element must be in the namespace/],
    [keyDoc().replace("<AnswerScore>10</AnswerScore>", ""), "The value of AnswerKey does not validate against the schema: AnswerKey/Question[1]/AnswerOption[1] is missing AnswerScore."],
    [keyDoc().replace("<DefaultScore>-2</DefaultScore>", "<DefaultScore>high</DefaultScore>"), /AnswerKey\/Question\[1\]\/DefaultScore must be an integer between/],
    [keyDoc().replace(/colours/g, "likelytowin"), 'The value of AnswerKey is not valid: AnswerKey/Question[2] repeats the QuestionIdentifier "likelytowin".'],
    [keyDoc().replace(">unsure<", ">likely<"), "The value of AnswerKey is not valid: AnswerKey/Question[1]/AnswerOption[2] has the same SelectionIdentifiers as an earlier AnswerOption."],
    [
      keyDoc("<QualificationValueMapping><PercentageMapping><MaximumSummedScore>0</MaximumSummedScore></PercentageMapping></QualificationValueMapping>"),
      "The value of AnswerKey is not valid: AnswerKey/QualificationValueMapping/PercentageMapping/MaximumSummedScore must be greater than 0, not 0.",
    ],
    [
      keyDoc("<QualificationValueMapping><RangeMapping><SummedScoreRange><InclusiveLowerBound>5</InclusiveLowerBound><InclusiveUpperBound>1</InclusiveUpperBound><QualificationValue>1</QualificationValue></SummedScoreRange><OutOfRangeQualificationValue>0</OutOfRangeQualificationValue></RangeMapping></QualificationValueMapping>"),
      "The value of AnswerKey is not valid: AnswerKey/QualificationValueMapping/RangeMapping/SummedScoreRange[1] has InclusiveLowerBound 5 greater than InclusiveUpperBound 1.",
    ],
    [
      keyDoc("<QualificationValueMapping><ScaleMapping><SummedScoreMultiplier>2</SummedScoreMultiplier></ScaleMapping><PercentageMapping><MaximumSummedScore>1</MaximumSummedScore></PercentageMapping></QualificationValueMapping>"),
      "The value of AnswerKey does not validate against the schema: AnswerKey/QualificationValueMapping must contain only one of PercentageMapping, ScaleMapping, RangeMapping.",
    ],
  ])("rejects an invalid key %#", (xml, message) => {
    expectInvalid(() => parseAnswerKey(xml), message);
  });

  describe("checkAnswerKeyAgainstTest", () => {
    const selectionTest = parseQuestionFormTest(
      SAMPLE_FORM.replace(/<Question>\s*<QuestionIdentifier>nextmove[\s\S]*?<\/Question>/, "").replace(
        "</QuestionForm>",
        `<Question>${withAnswer("<SelectionAnswer><Selections><Selection><SelectionIdentifier>red</SelectionIdentifier><Text>R</Text></Selection><Selection><SelectionIdentifier>blue</SelectionIdentifier><Text>B</Text></Selection></Selections></SelectionAnswer>", "colours")}</Question></QuestionForm>`,
      ),
    );

    it("accepts a key that matches the test", () => {
      expect(() => checkAnswerKeyAgainstTest(parseAnswerKey(keyDoc()), selectionTest)).not.toThrow();
    });

    it("rejects keys for tests with free-text questions, unknown questions and unknown selections", () => {
      expectInvalid(
        () => checkAnswerKeyAgainstTest(parseAnswerKey(keyDoc()), parseQuestionFormTest(SAMPLE_FORM)),
        'The value of AnswerKey is not valid: the Test question "nextmove" is a FreeText question; a test graded by an AnswerKey may contain only selection questions.',
      );
      expectInvalid(
        () => checkAnswerKeyAgainstTest(parseAnswerKey(keyDoc().replace("<QuestionIdentifier>colours<", "<QuestionIdentifier>shapes<")), selectionTest),
        'The value of AnswerKey is not valid: AnswerKey/Question[2] refers to the QuestionIdentifier "shapes", which is not a question in the Test.',
      );
      expectInvalid(
        () => checkAnswerKeyAgainstTest(parseAnswerKey(keyDoc().replace(">blue<", ">green<")), selectionTest),
        'The value of AnswerKey is not valid: AnswerKey/Question[2] refers to the SelectionIdentifier "green", which is not a selection of the Test question "colours".',
      );
    });
  });
});
