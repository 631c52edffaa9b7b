// Static files of the worker site and the console, kept in the code so the build needs no copying:
// the style sheets, the site's one script (progressive enhancement only), the script of the page a task
// frame shows after /mturk/externalSubmit, and local stand-ins for two scripts task pages load from AWS.
import type { Request, Response, Router } from "express";

const SITE_CSS = `
:root { --ink: #16191f; --muted: #5f6b7a; --line: #d5dbdb; --accent: #0972d3; --accent-dark: #033160; --bg: #f2f3f3;
  --ok: #037f0c; --bad: #d91515; --warn: #8d6605; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: var(--bg); line-height: 1.45; }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus { outline: 3px solid #ffb000; outline-offset: 1px; }
.skip { position: absolute; left: -9999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 6px; z-index: 10; }
header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 16px; padding: 10px 24px; background: #232f3e; color: #fff; }
header.top a { color: #fff; text-decoration: none; }
body.console header.top { background: #0f1b2a; }
.brand a { font-weight: 700; font-size: 1.1rem; }
header nav ul { display: flex; gap: 4px; list-style: none; margin: 0; padding: 0; }
header nav a { padding: 6px 10px; border-radius: 4px; } header nav a:hover, header nav a[aria-current="page"] { background: rgba(255,255,255,.15); }
.account { margin-left: auto; display: flex; gap: 10px; align-items: center; font-size: .9rem; }
.account button { background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.5); }
main { max-width: 1180px; margin: 0 auto; padding: 20px 24px 40px; }
footer { max-width: 1180px; margin: 0 auto; padding: 0 24px 24px; color: var(--muted); font-size: .8rem; }
h1 { font-size: 1.5rem; margin: .2em 0 .6em; } h2 { font-size: 1.2rem; } h3 { font-size: 1.05rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin: 0 0 16px; }
.muted { color: var(--muted); }
.notice { background: #f2f8fd; border: 1px solid var(--accent); border-left-width: 6px; padding: 10px 14px; border-radius: 4px; }
.error, .error-summary { background: #fff7f7; border: 1px solid var(--bad); border-left-width: 6px; padding: 12px 18px; border-radius: 4px; margin-bottom: 16px; }
.error h1, .error-summary h2 { color: var(--bad); margin-top: 0; }
.field-error { color: var(--bad); margin: 6px 0 0; }
.question.has-error { border-left: 4px solid var(--bad); padding-left: 12px; }
button, .button { font: inherit; padding: 6px 14px; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
button.danger { background: var(--bad); border-color: var(--bad); }
button:disabled { opacity: .5; cursor: not-allowed; }
form.inline { display: inline; margin: 0; }
input[type=text], input[type=search], input[type=number], input[type=password], input:not([type]), select, textarea {
  font: inherit; padding: 6px 8px; border: 1px solid #8c8c94; border-radius: 4px; max-width: 100%; }
textarea { width: 100%; }
label { font-weight: 600; }
.choice label { font-weight: normal; }
.field { margin: 8px 0; } .field > label { display: block; margin-bottom: 4px; }
fieldset { border: 0; padding: 0; margin: 8px 0; } legend { font-weight: 600; padding: 0; margin-bottom: 4px; }
.choice { margin: 3px 0; } .other { margin-top: 6px; }
.hint { color: var(--muted); font-size: .9rem; margin: 4px 0 0; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: .94rem; }
td time { white-space: nowrap; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #fafafa; font-size: .85rem; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: .8rem; border: 1px solid var(--line); background: #fafafa; }
.status.Approved, .status.Granted, .status.qualified { color: var(--ok); border-color: var(--ok); }
.status.Rejected, .status.Revoked, .status.not-qualified { color: var(--bad); border-color: var(--bad); }
.status.Submitted, .status.Pending, .status.Reviewable { color: var(--warn); border-color: var(--warn); }
.status.Assignable, .status.Accepted { color: var(--accent); border-color: var(--accent); }
.searchbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin-bottom: 16px; }
.searchbar .field { margin: 0; }
.groups { list-style: none; padding: 0; margin: 0; }
.group { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; margin-bottom: 12px; display: grid; grid-template-columns: 1fr auto; gap: 8px 20px; }
.group h2 { margin: 0 0 4px; font-size: 1.1rem; }
.group dl { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 6px 0 0; font-size: .9rem; }
.group dl div { display: flex; gap: 4px; } .group dt { color: var(--muted); } .group dd { margin: 0; font-weight: 600; }
.group .actions { display: flex; flex-direction: column; gap: 6px; align-items: end; }
.reward { font-size: 1.2rem; font-weight: 700; color: var(--ok); }
.qualification-status { font-size: .9rem; margin: 6px 0 0; }
.taskbar { position: sticky; top: 0; z-index: 5; display: flex; flex-wrap: wrap; gap: 14px; align-items: center; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; margin-bottom: 14px; }
.taskbar .title { font-weight: 700; } .taskbar .spacer { flex: 1; }
.countdown { font-variant-numeric: tabular-nums; font-weight: 700; } .countdown.late { color: var(--bad); }
.task-frame { width: 100%; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
iframe.formatted { width: 100%; border: 0; display: block; }
.question { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; margin-bottom: 12px; }
.overview { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; margin-bottom: 12px; }
.qf-text { white-space: pre-line; } .qf-image { max-width: 100%; height: auto; } .qf-video { max-width: 100%; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 16px; }
.stats { display: flex; flex-wrap: wrap; gap: 12px; list-style: none; padding: 0; margin: 0 0 16px; }
.stats li { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 140px; }
.stats .value { display: block; font-size: 1.3rem; font-weight: 700; }
.answers dt { font-weight: 600; margin-top: 6px; } .answers dd { margin: 2px 0 0 0; white-space: pre-wrap; }
.answers pre { margin: 0; background: #f7f7f7; padding: 6px; border-radius: 4px; white-space: pre-wrap; }
.review { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin-top: 8px; }
details.more { margin-top: 6px; } details.more summary { cursor: pointer; color: var(--accent); }
.kv { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 0; } .kv dt { color: var(--muted); } .kv dd { margin: 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

const FORMATTED_CSS = `
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #16191f; line-height: 1.45; }
body > :first-child { margin-top: 0; } body > :last-child { margin-bottom: 0; }
img { max-width: 100%; height: auto; } table { border-collapse: collapse; } td, th { border: 1px solid #d5dbdb; padding: 4px 8px; }
`;

// Progressive enhancement only: every page works without it.
const SITE_JS = `
(function () {
  "use strict";
  function format(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000)), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return (h ? h + ":" + two(m) : String(m)) + ":" + two(r);
  }
  // The assignment's deadline, counted on the emulator clock: the server says how much time is left (and whether
  // the clock is frozen); the page counts down from that and asks again every few seconds.
  function countdown(el) {
    var out = el.querySelector("[data-countdown-value]"), remaining = Number(el.getAttribute("data-remaining-ms"));
    var frozen = el.getAttribute("data-frozen") === "true", url = el.getAttribute("data-time-left-url"), base = performance.now();
    function show() {
      var left = frozen ? remaining : remaining - (performance.now() - base);
      out.textContent = left > 0 ? format(left) + (frozen ? " (clock frozen)" : "") : "time is up";
      el.classList.toggle("late", left < 60000);
    }
    function sync() {
      if (!url) return;
      fetch(url, { credentials: "same-origin", headers: { accept: "application/json" } }).then(function (r) { return r.ok ? r.json() : null; }).then(function (j) {
        if (!j) return;
        remaining = j.remainingMs; frozen = j.frozen; base = performance.now(); show();
        if (j.status !== "Accepted") location.reload();
      }).catch(function () {});
    }
    show(); setInterval(show, 500); setInterval(sync, 5000);
  }
  function sizeFormatted(frame) {
    try {
      var doc = frame.contentDocument;
      if (doc && doc.documentElement) frame.style.height = (doc.documentElement.scrollHeight + 4) + "px";
    } catch (e) { /* leave the server's estimate */ }
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-countdown]"), countdown);
    Array.prototype.forEach.call(document.querySelectorAll("iframe.formatted"), function (frame) {
      frame.addEventListener("load", function () { sizeFormatted(frame); });
      sizeFormatted(frame);
    });
    var summary = document.getElementById("error-summary");
    if (summary) summary.focus();
    // A task frame says when its form was submitted (the page /mturk/externalSubmit answers with); go on then.
    var task = document.querySelector("iframe[data-after-submit]");
    if (task) {
      window.addEventListener("message", function (event) {
        var data = event.data;
        if (event.source !== task.contentWindow || !data || data.mturkEmu !== "submitted") return;
        location.assign(task.getAttribute("data-after-submit") + encodeURIComponent(String(data.assignmentId || "")));
      });
    }
  });
})();
`;

// Runs in the page /mturk/externalSubmit answers with: tells the worker site's page around the frame.
const FRAME_JS = `
(function () {
  var body = document.body;
  if (window.parent !== window) {
    window.parent.postMessage({ mturkEmu: body.getAttribute("data-outcome"), assignmentId: body.getAttribute("data-assignment-id") }, body.getAttribute("data-site-origin") || "*");
  }
})();
`;

// A stand-in for https://s3.amazonaws.com/mturk-public/externalHIT_v1.js (task pages rewritten to load it from here).
const EXTERNAL_HIT_JS = `
// mturk-emu stand-in for externalHIT_v1.js: turkGetParam and turkSetAssignmentID, as in the original.
function turkGetParam(name, defaultValue) {
  var value = new URLSearchParams(window.location.search).get(name);
  return value === null ? defaultValue : value;
}
function turkSetAssignmentID(formName) {
  if (formName == null) formName = "mturk_form";
  var assignmentId = turkGetParam("assignmentId", "");
  var field = document.getElementById("assignmentId");
  if (field) field.value = assignmentId;
  if (assignmentId === "ASSIGNMENT_ID_NOT_AVAILABLE") {
    var button = document.getElementById("submitButton");
    if (button) { button.disabled = true; button.value = "You must ACCEPT the HIT before you can submit the results."; }
  }
  var form = document.getElementById(formName);
  if (form) form.action = turkGetParam("turkSubmitTo", "") + "/mturk/externalSubmit";
}
`;

// A stand-in for https://assets.crowd.aws/crowd-html-elements.js: enough of Crowd HTML Elements for task pages to
// work on the emulator. <crowd-form> posts to turkSubmitTo + "/mturk/externalSubmit" the assignmentId of the page's
// URL and one field, taskAnswers, holding a JSON array with one object of the named elements' values:
// crowd-input, crowd-text-area and native inputs give strings, crowd-slider a number, crowd-checkbox and
// crowd-radio-button {"on": true|false}, crowd-classifier {"label": "…"}. With answer-format="flatten-objects" each
// value is posted as its own field instead ("positive.on" = "true").
const CROWD_JS = `
(function () {
  "use strict";
  if (window.customElements === undefined || customElements.get("crowd-form")) return;
  var params = new URLSearchParams(location.search);
  var assignmentId = params.get("assignmentId") || "";
  var preview = assignmentId === "" || assignmentId === "ASSIGNMENT_ID_NOT_AVAILABLE";
  var submitTo = (params.get("turkSubmitTo") || "").replace(/\\/+$/, "") + "/mturk/externalSubmit";
  var seq = 0;
  function whenParsed(fn) { if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn); else fn(); }
  function define(name, setup, proto) {
    var C = class extends HTMLElement {
      connectedCallback() { var el = this; if (el._ready) return; el._ready = true; whenParsed(function () { setup(el); }); }
    };
    Object.keys(proto || {}).forEach(function (k) { Object.defineProperty(C.prototype, k, proto[k]); });
    customElements.define(name, C);
  }
  function labelled(el, control) {
    var id = "crowd-" + (++seq), text = el.getAttribute("label");
    control.id = id;
    if (text) { var l = document.createElement("label"); l.htmlFor = id; l.textContent = text + " "; el.appendChild(l); }
    if (el.getAttribute("placeholder")) control.placeholder = el.getAttribute("placeholder");
    if (el.hasAttribute("required")) control.required = true;
    if (el.getAttribute("value")) control.value = el.getAttribute("value");
    el.appendChild(control);
    return control;
  }
  var valueProp = { value: { get: function () { return this._control ? this._control.value : (this.getAttribute("value") || ""); } } };
  define("crowd-input", function (el) { var i = document.createElement("input"); i.type = el.getAttribute("type") || "text"; el._control = labelled(el, i); }, valueProp);
  define("crowd-text-area", function (el) { var t = document.createElement("textarea"); t.rows = Number(el.getAttribute("rows") || 3); el._control = labelled(el, t); }, valueProp);
  define("crowd-slider", function (el) {
    var i = document.createElement("input"); i.type = "range"; i.min = el.getAttribute("min") || "0"; i.max = el.getAttribute("max") || "100"; i.step = el.getAttribute("step") || "1";
    el._control = labelled(el, i);
  }, { value: { get: function () { return this._control ? Number(this._control.value) : Number(this.getAttribute("value") || 0); } } });
  function toggle(type) {
    return function (el) {
      var i = document.createElement("input"); i.type = type; i.id = "crowd-" + (++seq);
      if (type === "radio") {
        var group = el.closest("crowd-radio-group");
        i.name = "crowd-radio-" + (group ? (group._group = group._group || ++seq) : ++seq);
      }
      i.checked = el.hasAttribute("checked");
      var l = document.createElement("label"); l.htmlFor = i.id;
      while (el.firstChild) l.appendChild(el.firstChild);
      if (!l.textContent && el.getAttribute("label")) l.textContent = el.getAttribute("label");
      el.appendChild(i); el.appendChild(document.createTextNode(" ")); el.appendChild(l); el._control = i;
    };
  }
  var checkedProp = { checked: { get: function () { return this._control ? this._control.checked : this.hasAttribute("checked"); } } };
  define("crowd-checkbox", toggle("checkbox"), checkedProp);
  define("crowd-radio-button", toggle("radio"), checkedProp);
  define("crowd-radio-group", function () {});
  define("crowd-classifier", function (el) {
    var categories = []; try { categories = JSON.parse(el.getAttribute("categories") || "[]"); } catch (e) {}
    var box = document.createElement("fieldset"), legend = document.createElement("legend");
    legend.textContent = el.getAttribute("header") || "Choose a category"; box.appendChild(legend);
    var group = "crowd-classifier-" + (++seq);
    categories.forEach(function (c) {
      var d = document.createElement("div"), i = document.createElement("input"), l = document.createElement("label");
      i.type = "radio"; i.name = group; i.value = c; i.id = group + "-" + (++seq); l.htmlFor = i.id; l.textContent = " " + c;
      d.appendChild(i); d.appendChild(l); box.appendChild(d);
    });
    el.insertBefore(box, el.firstChild); el._group = group;
  }, { value: { get: function () { var c = this.querySelector("input[name='" + this._group + "']:checked"); return { label: c ? c.value : "" }; } } });
  define("crowd-button", function (el) {
    var b = document.createElement("button");
    b.type = el.getAttribute("form-action") === "submit" ? "submit" : "button";
    while (el.firstChild) b.appendChild(el.firstChild);
    el.appendChild(b); el._control = b;
  });
  function collect(root) {
    var answers = {};
    Array.prototype.forEach.call(root.querySelectorAll("[name]"), function (el) {
      var name = el.getAttribute("name"), tag = el.tagName.toLowerCase();
      if (tag.indexOf("crowd-") === 0) {
        if (tag === "crowd-checkbox" || tag === "crowd-radio-button") answers[name] = { on: el.checked };
        else answers[name] = el.value;
        return;
      }
      if (el.closest("crowd-input, crowd-text-area, crowd-slider, crowd-checkbox, crowd-radio-button, crowd-classifier")) return;
      if (tag === "input" && (el.type === "checkbox" || el.type === "radio")) { if (el.checked) answers[name] = el.value; else if (el.type === "checkbox" && !(name in answers)) answers[name] = { on: false }; return; }
      if (tag === "input" || tag === "textarea" || tag === "select") answers[name] = el.value;
    });
    return answers;
  }
  function flatten(value, prefix, out) {
    if (value !== null && typeof value === "object") Object.keys(value).forEach(function (k) { flatten(value[k], prefix ? prefix + "." + k : k, out); });
    else out.push([prefix, String(value)]);
    return out;
  }
  function post(fields) {
    var form = document.createElement("form");
    form.method = "post"; form.action = submitTo; form.style.display = "none";
    fields.forEach(function (f) { var i = document.createElement("input"); i.type = "hidden"; i.name = f[0]; i.value = f[1]; form.appendChild(i); });
    document.body.appendChild(form);
    HTMLFormElement.prototype.submit.call(form);
  }
  define("crowd-form", function (el) {
    var form = document.createElement("form");
    while (el.firstChild) form.appendChild(el.firstChild);
    el.appendChild(form);
    if (!form.querySelector("button[type=submit], input[type=submit], crowd-button[form-action=submit]")) {
      var b = document.createElement("button"); b.type = "submit"; b.textContent = "Submit"; form.appendChild(b);
    }
    if (preview) {
      var note = document.createElement("p"); note.textContent = "You must ACCEPT the HIT before you can submit the results."; form.appendChild(note);
      setTimeout(function () { Array.prototype.forEach.call(form.querySelectorAll("button[type=submit], input[type=submit]"), function (b) { b.disabled = true; }); });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (preview) return;
      var answers = collect(form);
      var fields = [["assignmentId", assignmentId]];
      if (el.getAttribute("answer-format") === "flatten-objects") fields = fields.concat(flatten(answers, "", []));
      else fields.push(["taskAnswers", JSON.stringify([answers])]);
      post(fields);
    });
  });
})();
`;

const ASSETS: Record<string, { type: string; body: string }> = {
  "/static/site.css": { type: "text/css", body: SITE_CSS },
  "/static/formatted.css": { type: "text/css", body: FORMATTED_CSS },
  "/static/site.js": { type: "text/javascript", body: SITE_JS },
  "/static/frame.js": { type: "text/javascript", body: FRAME_JS },
  "/crowd-html-elements.js": { type: "text/javascript", body: CROWD_JS },
  "/mturk-public/externalHIT_v1.js": { type: "text/javascript", body: EXTERNAL_HIT_JS },
};

export function mountAssets(router: Router): void {
  for (const [path, asset] of Object.entries(ASSETS)) {
    router.get(path, (_req: Request, res: Response) => {
      res.set("Cache-Control", "no-cache").set("X-Content-Type-Options", "nosniff").type(asset.type).send(asset.body);
    });
  }
}

/**
 * Task pages load Crowd HTML Elements and externalHIT_v1.js from AWS, and may post straight to MTurk's
 * externalSubmit: in an HTMLQuestion served by the emulator those URLs are pointed at the emulator.
 */
export function rewriteTaskPage(content: string): string {
  return content
    .replace(/https?:\/\/assets\.crowd\.aws\/crowd-html-elements\.js/g, "/crowd-html-elements.js")
    .replace(/https?:\/\/s3\.amazonaws\.com\/mturk-public\/externalHIT_v1\.js/g, "/mturk-public/externalHIT_v1.js")
    .replace(/https?:\/\/(www|workersandbox)\.mturk\.com\/mturk\/externalSubmit/g, "/mturk/externalSubmit");
}
