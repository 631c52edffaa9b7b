// A parsed QuestionForm as an HTML form: every content element and every answer type, with the constraints
// as hints and the server's validation messages next to each question. Works without JavaScript.
//
// Field names are positional, not the QuestionIdentifiers (which may hold any character): question i posts
// "q<i>", its "other" text "q<i>_other"; choices post "s<j>" and the other choice "other" (fields.ts decodes).
import type { FormQuestion, FreeTextSpec, QuestionFormDocument, SelectionSpec } from "../../domain/questions/question";
import { textContent, type XmlElement } from "../../domain/questions/xml";
import { html, safeUrl, type Html } from "../html";
import { formattedContentFrame, formattedContentText } from "./formatted-content";

export interface FormRenderOptions {
  /** A preview shows the form disabled. */
  mode: "preview" | "work";
  /** Values posted before (field name → values), to keep what the worker entered. */
  values?: ReadonlyMap<string, readonly string[]>;
  /** Validation messages by QuestionIdentifier. */
  problems?: Readonly<Record<string, readonly string[]>>;
}

const children = (el: XmlElement): XmlElement[] => el.children.filter((c): c is XmlElement => c.kind === "element");
const child = (el: XmlElement, name: string): XmlElement | undefined => children(el).find((c) => c.name === name);
const text = (el: XmlElement | undefined): string => (el ? textContent(el) : "");

/** The items of the form (Overviews and Questions) in document order. */
export function renderQuestionForm(form: QuestionFormDocument, options: FormRenderOptions): Html {
  let index = -1;
  return html`${form.items.map((item) => {
    if (item.kind === "Overview") return html`<section class="overview">${renderContent(item.content, "h2")}</section>`;
    index += 1;
    return renderQuestion(item.question, index, options);
  })}`;
}

/** A summary of the problems at the top of the form, linking to each question. */
export function problemSummary(form: QuestionFormDocument, problems: Readonly<Record<string, readonly string[]>>): Html {
  const entries = form.questions.flatMap((q, i) => (problems[q.identifier] ? [{ q, i, messages: problems[q.identifier] }] : []));
  const strays = Object.keys(problems).filter((id) => !form.questions.some((q) => q.identifier === id));
  const count = entries.length + strays.length;
  if (count === 0) return html``;
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" id="error-summary">
  <h2 id="error-summary-title">${count === 1 ? "One answer needs" : `${count} answers need`} your attention</h2>
  <ul>${entries.map(({ q, i, messages }) => html`<li><a href="#q${i}-field">${questionName(q, i)}: ${messages.join(" ")}</a></li>`)}${strays.map(
    (id) => html`<li>${id}: ${problems[id].join(" ")}</li>`,
  )}</ul>
</div>`;
}

function questionName(q: FormQuestion, i: number): string {
  return q.displayName ?? `Question ${i + 1}`;
}

// ---- Content ----

/** QuestionContent, Overview, or a Selection's content: Title, Text, List, Binary, FormattedContent, … */
export function renderContent(container: XmlElement, titleTag: "h2" | "h3" = "h3"): Html {
  return html`${children(container).map((el) => contentElement(el, titleTag))}`;
}

function contentElement(el: XmlElement, titleTag: "h2" | "h3"): Html {
  switch (el.name) {
    case "Title":
      return titleTag === "h2" ? html`<h2 class="qf-title">${textContent(el)}</h2>` : html`<h3 class="qf-title">${textContent(el)}</h3>`;
    case "Text":
      return html`<p class="qf-text">${textContent(el)}</p>`;
    case "List":
      return html`<ul class="qf-list">${children(el).map((item) => html`<li>${textContent(item)}</li>`)}</ul>`;
    case "FormattedContent":
      return formattedContentFrame(textContent(el));
    case "Binary":
      return binary(el);
    case "EmbeddedBinary":
      return embeddedBinary(el);
    case "Application":
      return application(el);
    default:
      return html``;
  }
}

function media(type: string, subType: string, url: string | undefined, alt: string): Html {
  if (url === undefined) return html`<p class="muted">[${alt || "Media"}: its URL is not an http(s) URL and is not shown]</p>`;
  switch (type) {
    case "image":
      return html`<img class="qf-image" src="${url}" alt="${alt}">`;
    case "video":
      return html`<video class="qf-video" controls preload="metadata" src="${url}" aria-label="${alt}"><a href="${url}">${alt || url}</a></video>`;
    case "audio":
      return html`<audio class="qf-audio" controls preload="metadata" src="${url}" aria-label="${alt}"><a href="${url}">${alt || url}</a></audio>`;
    default:
      return html`<p><a href="${url}" target="_blank" rel="noopener noreferrer">${alt || url}</a> (${type}${subType ? `/${subType}` : ""})</p>`;
  }
}

function binary(el: XmlElement): Html {
  const mime = child(el, "MimeType");
  return media(text(mime && child(mime, "Type")).trim(), text(mime && child(mime, "SubType")).trim(), safeUrl(text(child(el, "DataURL")).trim()), text(child(el, "AltText")));
}

function embeddedBinary(el: XmlElement): Html {
  const mime = child(el, "EmbeddedMimeType");
  return media(text(mime && child(mime, "Type")).trim(), text(mime && child(mime, "SubType")).trim(), safeUrl(text(child(el, "DataURL")).trim()), text(child(el, "AltText")));
}

function application(el: XmlElement): Html {
  const app = children(el)[0];
  const url = app && safeUrl(text(child(app, app.name === "Flash" ? "FlashMovieURL" : "AppletPath")).trim());
  return html`<p class="muted">[${app?.name === "Flash" ? "A Flash movie" : "A Java applet"}, which today's browsers cannot run${
    url ? html`: <a href="${url}" target="_blank" rel="noopener noreferrer">${url}</a>` : ""
  }]</p>`;
}

/** A selection's content as plain text, for <option>. */
function selectionText(content: XmlElement): string {
  if (content.name === "Text") return textContent(content).trim();
  if (content.name === "FormattedContent") return formattedContentText(textContent(content));
  return text(child(content, "AltText")).trim() || text(child(content, "DataURL")).trim();
}

/** A selection's content as a label: text, an image, or formatted content. */
function selectionLabel(content: XmlElement): Html {
  if (content.name === "Text") return html`${textContent(content)}`;
  if (content.name === "FormattedContent") return formattedContentFrame(textContent(content), "Choice");
  return binary(content);
}

// ---- Questions ----

interface FieldContext {
  q: FormQuestion;
  i: number;
  name: string;
  disabled: boolean;
  values?: readonly string[];
  otherValues?: readonly string[];
  /** ids the field is described by: its hint and its error. */
  describedBy: string;
  invalid: boolean;
}

function renderQuestion(q: FormQuestion, i: number, options: FormRenderOptions): Html {
  const messages = options.problems?.[q.identifier] ?? [];
  const hint = hintText(q);
  const ids = [hint ? `q${i}-hint` : "", messages.length ? `q${i}-error` : ""].filter(Boolean).join(" ");
  const field: FieldContext = {
    q,
    i,
    name: `q${i}`,
    disabled: options.mode === "preview",
    values: options.values?.get(`q${i}`),
    otherValues: options.values?.get(`q${i}_other`),
    describedBy: ids,
    invalid: messages.length > 0,
  };
  return html`<section class="question${messages.length ? " has-error" : ""}" id="q${i}" data-question-identifier="${q.identifier}">
  <div class="question-content" id="q${i}-content">${renderContent(q.content)}</div>
  ${answerField(field)}
  ${hint ? html`<p class="hint" id="q${i}-hint">${hint}</p>` : ""}
  ${messages.length ? html`<p class="field-error" id="q${i}-error"><strong>Error:</strong> ${messages.join(" ")}</p>` : ""}
</section>`;
}

const attrs = (f: FieldContext): Html =>
  html`${f.disabled ? html` disabled` : ""}${f.q.isRequired ? html` aria-required="true"` : ""}${f.invalid ? html` aria-invalid="true"` : ""}${
    f.describedBy ? html` aria-describedby="${f.describedBy}"` : ""
  }`;

function labelText(f: FieldContext): string {
  return `${f.q.displayName ?? "Your answer"}${f.q.isRequired ? " (required)" : ""}`;
}

function answerField(f: FieldContext): Html {
  const spec = f.q.answer;
  switch (spec.kind) {
    case "FreeText":
      return freeText(f, spec);
    case "Selection":
      return selection(f, spec);
    case "FileUpload":
      return html`<div class="field" id="q${f.i}-field"><label for="q${f.i}-input">${labelText(f)}</label>
  <input type="file" id="q${f.i}-input" name="${f.name}"${attrs(f)}>${f.values !== undefined ? html` <span class="muted">(choose the file again)</span>` : ""}</div>`;
  }
}

function freeText(f: FieldContext, spec: FreeTextSpec): Html {
  const value = f.values?.[0] ?? spec.defaultText ?? "";
  const lines = spec.numberOfLinesSuggestion ?? 1;
  const numeric = spec.constraints.isNumeric ? html` inputmode="decimal"` : "";
  const input =
    lines > 1
      ? html`<textarea id="q${f.i}-input" name="${f.name}" rows="${lines}"${attrs(f)}>${value}</textarea>`
      : html`<input type="text" id="q${f.i}-input" name="${f.name}" value="${value}"${numeric}${attrs(f)}>`;
  return html`<div class="field" id="q${f.i}-field"><label for="q${f.i}-input">${labelText(f)}</label>${input}</div>`;
}

function isSelected(f: FieldContext, value: string): boolean {
  return f.values?.includes(value) ?? false;
}

function selection(f: FieldContext, spec: SelectionSpec): Html {
  const multiple = spec.maxSelectionCount > 1;
  const style = spec.styleSuggestion ?? (multiple ? "checkbox" : "radiobutton");
  const otherText = f.otherValues?.[0] ?? spec.otherSelection?.defaultText ?? "";
  const otherInput = (label: string) =>
    spec.otherSelection
      ? html`<div class="other"><label for="q${f.i}-other">${label}</label> <input type="text" id="q${f.i}-other" name="${f.name}_other" value="${otherText}"${
          f.disabled ? html` disabled` : ""
        }></div>`
      : "";
  switch (style) {
    case "radiobutton":
    case "checkbox": {
      const type = style === "checkbox" || multiple ? "checkbox" : "radio";
      return html`<fieldset class="field choices" id="q${f.i}-field"${attrs(f)}><legend>${labelText(f)}</legend>
  ${spec.selections.map(
    (s, j) => html`<div class="choice"><input type="${type}" id="q${f.i}-s${j}" name="${f.name}" value="s${j}"${isSelected(f, `s${j}`) ? html` checked` : ""}${
      f.disabled ? html` disabled` : ""
    }> <label for="q${f.i}-s${j}">${selectionLabel(s.content)}</label></div>`,
  )}
  ${spec.otherSelection ? html`<div class="choice"><input type="${type}" id="q${f.i}-s-other" name="${f.name}" value="other"${isSelected(f, "other") ? html` checked` : ""}${
    f.disabled ? html` disabled` : ""
  }> <label for="q${f.i}-s-other">Other</label></div>${otherInput("Other answer")}` : ""}
</fieldset>`;
    }
    case "combobox": {
      const value = f.values?.[0] ?? "";
      return html`<div class="field" id="q${f.i}-field"><label for="q${f.i}-input">${labelText(f)}</label>
  <input type="text" id="q${f.i}-input" name="${f.name}" list="q${f.i}-list" value="${value}" autocomplete="off"${attrs(f)}>
  <datalist id="q${f.i}-list">${spec.selections.map((s) => html`<option value="${selectionText(s.content)}"></option>`)}</datalist></div>`;
    }
    case "list":
    case "dropdown":
    case "multichooser": {
      const listMultiple = style === "multichooser" || (style === "list" && multiple);
      const size = style === "dropdown" ? 1 : Math.min(10, spec.selections.length + (spec.otherSelection ? 1 : 0));
      return html`<div class="field" id="q${f.i}-field"><label for="q${f.i}-input">${labelText(f)}</label>
  <select id="q${f.i}-input" name="${f.name}"${listMultiple ? html` multiple` : ""}${size > 1 ? html` size="${size}"` : ""}${attrs(f)}>
  ${style === "dropdown" ? html`<option value="">— Choose —</option>` : ""}${spec.selections.map(
    (s, j) => html`<option value="s${j}"${isSelected(f, `s${j}`) ? html` selected` : ""}>${selectionText(s.content)}</option>`,
  )}${spec.otherSelection ? html`<option value="other"${isSelected(f, "other") ? html` selected` : ""}>Other (type it below)</option>` : ""}
  </select>${otherInput("Other answer")}</div>`;
    }
  }
}

// ---- Hints: the constraints in words ----

function hintText(q: FormQuestion): string {
  const spec = q.answer;
  if (spec.kind === "FileUpload") return `Upload a file of ${spec.minFileSizeInBytes} to ${spec.maxFileSizeInBytes} bytes.`;
  if (spec.kind === "FreeText") return freeTextHint(spec);
  const { minSelectionCount: min, maxSelectionCount: max } = spec;
  const count = min === max ? `Choose ${min === 1 ? "one" : min}.` : min === 0 ? `Choose up to ${max}.` : `Choose ${min} to ${max}.`;
  const style = spec.styleSuggestion ?? (max > 1 ? "checkbox" : "radiobutton");
  const how = style === "combobox" ? " Pick from the list or type an answer." : style === "multichooser" || (style === "list" && max > 1) ? " Hold Ctrl (⌘) to choose several." : "";
  return count + how;
}

function freeTextHint(spec: FreeTextSpec): string {
  const parts: string[] = [];
  const numeric = spec.constraints.isNumeric;
  if (numeric) {
    const { minValue: min, maxValue: max } = numeric;
    parts.push(min !== undefined && max !== undefined ? `A number from ${min} to ${max}.` : min !== undefined ? `A number, at least ${min}.` : max !== undefined ? `A number, at most ${max}.` : "A number.");
  }
  const length = spec.constraints.length;
  if (length) {
    const { minLength: min, maxLength: max } = length;
    parts.push(min !== undefined && max !== undefined ? `${min} to ${max} characters.` : min !== undefined ? `At least ${min} characters.` : `At most ${max} characters.`);
  }
  return parts.join(" ");
}

export type { SelectionSpec };
