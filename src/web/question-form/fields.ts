// Posted QuestionForm fields (named by position, see render.ts) back to QuestionIdentifiers and values.
import type { FormInput, UploadInput } from "../../domain/commands/form-submissions";
import type { QuestionFormDocument } from "../../domain/questions/question";
import { textContent } from "../../domain/questions/xml";
import { formattedContentText } from "./formatted-content";

/** A file part as multer gives it. */
export interface PostedFile {
  fieldname: string;
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export type PostedBody = Record<string, unknown>;

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined || value === null ? [] : [String(value)]);

/** Field name → values, to show the worker what they entered when the form comes back with problems. */
export function stickyValues(body: PostedBody): Map<string, string[]> {
  return new Map(Object.entries(body).filter(([name]) => /^q\d+(_other)?$/.test(name)).map(([name, value]) => [name, list(value)]));
}

/** What the worker answered, as [QuestionIdentifier, value] pairs and files, for the domain to check and record. */
export function decodeForm(form: QuestionFormDocument, body: PostedBody, files: readonly PostedFile[]): FormInput {
  const fields: Array<[string, string]> = [];
  const uploads: UploadInput[] = [];
  form.questions.forEach((q, i) => {
    const name = `q${i}`;
    const spec = q.answer;
    if (spec.kind === "FileUpload") {
      const file = files.find((f) => f.fieldname === name);
      // An empty file input posts a part with no file name and no bytes.
      if (file && (file.originalname !== "" || file.size > 0)) {
        uploads.push({ questionIdentifier: q.identifier, contentType: file.mimetype || "application/octet-stream", data: file.buffer });
      }
      return;
    }
    const values = list(body[name]);
    if (spec.kind === "FreeText") {
      // Browsers post a textarea's line breaks as CRLF; the worker typed (and the field held) LF.
      if (values.length) fields.push([q.identifier, values.join("\n").replace(/\r\n?/g, "\n")]);
      return;
    }
    const otherText = list(body[`${name}_other`]).join(" ");
    if ((spec.styleSuggestion ?? "") === "combobox") {
      // Typed or picked text: a choice's text (or identifier) is that choice; anything else is an "other" answer.
      for (const value of values) {
        const typed = value.trim();
        if (typed === "") continue;
        const match = spec.selections.find((s) => choiceText(s.content) === typed || s.identifier === typed);
        fields.push([q.identifier, match ? match.identifier : typed]);
      }
      return;
    }
    let other = false;
    for (const value of values) {
      const j = /^s(\d+)$/.exec(value);
      if (j && Number(j[1]) < spec.selections.length) fields.push([q.identifier, spec.selections[Number(j[1])].identifier]);
      else if (value === "other") other = true;
      else if (value !== "") fields.push([q.identifier, value]); // not one of the choices: the domain says so
    }
    if (spec.otherSelection && (other || otherText.trim() !== "")) fields.push([q.identifier, otherText]);
    else if (other) fields.push([q.identifier, ""]);
  });
  return { fields, files: uploads };
}

function choiceText(content: import("../../domain/questions/xml").XmlElement): string {
  if (content.name === "Text") return textContent(content).trim();
  if (content.name === "FormattedContent") return formattedContentText(textContent(content));
  const alt = content.children.find((c) => c.kind === "element" && c.name === "AltText");
  return alt && alt.kind === "element" ? textContent(alt).trim() : "";
}
