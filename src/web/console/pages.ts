// The requester console's pages.
import { availableAssignments } from "../../domain/hit-state";
import type { ParsedAnswer } from "../../domain/questions/answers";
import type { AnswerSpec, ParsedQuestion } from "../../domain/questions/question";
import { textContent } from "../../domain/questions/xml";
import type { Account, Assignment, Bonus, HitView, QualificationRequest, QualificationType, WorkerQualification } from "../../domain/records";
import type { RequestEntry } from "../../harness/request-log";
import { csrfField, duration, html, isoTime, layout, postButton, timeTag, type Html, type NavLink } from "../html";

export interface ConsoleChrome {
  account?: Account;
  csrf: string;
  current: string;
  notice?: string;
}

export function consoleLayout(title: string, chrome: ConsoleChrome, body: Html): Html {
  const nav: NavLink[] = chrome.account
    ? [
        { href: "/console/hits", label: "HITs" },
        { href: "/console/qualifications", label: "Qualifications" },
        { href: "/console/clock", label: "Clock" },
        { href: "/console/requests", label: "Request log" },
        { href: "/", label: "Worker site" },
      ]
    : [{ href: "/", label: "Worker site" }];
  const account = chrome.account
    ? html`<span>Requester <strong>${chrome.account.requesterId}</strong> <span class="muted">(${chrome.account.accessKeyId})</span></span>${postButton("/console/signout", "Sign out", chrome.csrf)}`
    : undefined;
  return layout({ title, area: "console", nav: nav.map((l) => ({ ...l, current: l.href === chrome.current })), account, body, notice: chrome.notice });
}

// ---- Sign in ----

export function signInPage(authEnabled: boolean, accounts: Account[], csrf: string, next: string, error?: string, accessKeyId = ""): Html {
  const nextField = html`<input type="hidden" name="next" value="${next}">`;
  const errorLine = error ? html`<p class="field-error" role="alert" id="signin-error"><strong>Error:</strong> ${error}</p>` : "";
  if (authEnabled) {
    return html`<h1>Sign in to the requester console</h1>
<div class="card">
<p>Authentication is on: sign in with a requester's access key id and secret access key, as the API would be called.</p>
${errorLine}
<form method="post" action="/console/signin">${csrfField(csrf)}${nextField}
  <div class="field"><label for="accessKeyId">Access key id</label><input type="text" id="accessKeyId" name="accessKeyId" value="${accessKeyId}" autocomplete="username" spellcheck="false" size="30"></div>
  <div class="field"><label for="secretAccessKey">Secret access key</label><input type="password" id="secretAccessKey" name="secretAccessKey" autocomplete="current-password" size="44"></div>
  <button type="submit">Sign in</button>
</form></div>`;
  }
  return html`<h1>Choose a requester account</h1>
<div class="card">
<p>Authentication is off (<code>--auth off</code>): every access key is an account, and no secret is needed.</p>
${errorLine}
<table><thead><tr><th scope="col">Access key id</th><th scope="col">Requester id</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
<tbody>${accounts.map((a) => html`<tr><td><code>${a.accessKeyId}</code></td><td>${a.requesterId}</td><td>${postButton("/console/signin", "Open", csrf, { accessKeyId: a.accessKeyId, next })}</td></tr>`)}</tbody></table>
<form method="post" action="/console/signin" class="searchbar">${csrfField(csrf)}${nextField}
  <div class="field"><label for="accessKeyId">Another access key id</label><input type="text" id="accessKeyId" name="accessKeyId" value="${accessKeyId}" spellcheck="false"></div>
  <button type="submit">Open</button>
</form></div>`;
}

// ---- HITs ----

export function hitsPage(hits: HitView[]): Html {
  return html`<h1>HITs</h1>
<p><a class="button secondary" href="/console/results.csv" download>Download all results (CSV)</a></p>
${hits.length === 0 ? html`<div class="card"><p>This account has no HITs. Create some with the API.</p></div>` : html`<table>
<thead><tr><th scope="col">Title</th><th scope="col">HIT</th><th scope="col">Status</th><th scope="col" class="num">Max</th><th scope="col" class="num">Available</th>
<th scope="col" class="num">In progress</th><th scope="col" class="num">To review</th><th scope="col" class="num">Reviewed</th><th scope="col">Created</th><th scope="col">Expires</th></tr></thead>
<tbody>${hits.map(
  (h) => html`<tr data-hit-id="${h.id}"><td><a href="/console/hits/${encodeURIComponent(h.id)}">${h.type.title}</a></td><td><code>${h.id}</code></td>
  <td><span class="status ${h.status}">${h.status}</span></td><td class="num">${h.maxAssignments}</td><td class="num">${availableAssignments(h)}</td>
  <td class="num">${h.pending}</td><td class="num">${h.submitted}</td><td class="num">${h.completed}</td><td>${timeTag(h.createdMs)}</td><td>${timeTag(h.expirationMs)}</td></tr>`,
)}</tbody></table>`}`;
}

export interface AssignmentView {
  assignment: Assignment;
  answers: ParsedAnswer[];
}

export function hitPage(hit: HitView, question: ParsedQuestion, assignments: AssignmentView[], bonuses: Bonus[], csrf: string): Html {
  const live = hit.status !== "Disposed";
  return html`<h1>${hit.type.title}</h1>
<div class="grid2">
<section class="card" aria-labelledby="hit-facts"><h2 id="hit-facts">HIT</h2>
<dl class="kv">
  <dt>HITId</dt><dd><code>${hit.id}</code></dd><dt>HITTypeId</dt><dd><code>${hit.hitTypeId}</code></dd><dt>HITGroupId</dt><dd><code>${hit.type.groupId}</code></dd>
  <dt>Status</dt><dd><span class="status ${hit.status}" id="hit-status">${hit.status}</span></dd>
  <dt>Question</dt><dd>${question.kind}</dd>
  <dt>Reward</dt><dd>$${hit.type.reward}</dd><dt>Assignments</dt><dd>${hit.maxAssignments} (available ${availableAssignments(hit)}, in progress ${hit.pending}, to review ${hit.submitted}, reviewed ${hit.completed})</dd>
  <dt>Time allotted</dt><dd>${duration(hit.type.assignmentDurationS)}</dd><dt>Auto-approval</dt><dd>${duration(hit.type.autoApprovalDelayS)} after submission</dd>
  <dt>Created</dt><dd>${timeTag(hit.createdMs)}</dd><dt>Expires</dt><dd>${timeTag(hit.expirationMs)}</dd>
  ${hit.requesterAnnotation ? html`<dt>Annotation</dt><dd>${hit.requesterAnnotation}</dd>` : ""}
</dl></section>
<section class="card" aria-labelledby="hit-actions"><h2 id="hit-actions">Actions</h2>
${live ? html`<p>${postButton(`/console/hits/${encodeURIComponent(hit.id)}/expire`, "Expire now", csrf, {}, "secondary")}</p>
<form method="post" action="/console/hits/${encodeURIComponent(hit.id)}/add-assignments" class="review">${csrfField(csrf)}
  <div class="field"><label for="count">Add assignments</label><input type="number" id="count" name="count" min="1" value="1" size="6"></div>
  <button type="submit" class="secondary">Add</button></form>` : html`<p class="muted">The HIT is deleted.</p>`}
<p><a class="button secondary" href="/console/results.csv?hitId=${encodeURIComponent(hit.id)}" download>Download results (CSV)</a></p>
</section>
</div>
<section aria-labelledby="assignments-title"><h2 id="assignments-title">Submitted assignments (${assignments.length})</h2>
${assignments.length === 0 ? html`<div class="card"><p class="muted">No assignment has been submitted yet.</p></div>` : assignments.map((a) => assignmentCard(question, a, bonuses, csrf))}
</section>`;
}

function assignmentCard(question: ParsedQuestion, view: AssignmentView, bonuses: Bonus[], csrf: string): Html {
  const a = view.assignment;
  const paid = bonuses.filter((b) => b.assignmentId === a.id);
  const base = `/console/assignments/${encodeURIComponent(a.id)}`;
  return html`<article class="card" data-assignment-id="${a.id}" aria-labelledby="a-${a.id}">
<h3 id="a-${a.id}">Worker ${a.workerId} <span class="status ${a.status}" data-role="assignment-status">${a.status}</span></h3>
<dl class="kv"><dt>AssignmentId</dt><dd><code>${a.id}</code></dd><dt>Accepted</dt><dd>${timeTag(a.acceptMs)}</dd><dt>Submitted</dt><dd>${timeTag(a.submitMs)}</dd>
${a.status === "Submitted" ? html`<dt>Auto-approves</dt><dd>${timeTag(a.autoApprovalMs)}</dd>` : ""}
${a.approvalMs ? html`<dt>Approved</dt><dd>${timeTag(a.approvalMs)}</dd>` : ""}${a.rejectionMs ? html`<dt>Rejected</dt><dd>${timeTag(a.rejectionMs)}</dd>` : ""}
${a.requesterFeedback ? html`<dt>Feedback</dt><dd>${a.requesterFeedback}</dd>` : ""}
${paid.length ? html`<dt>Bonuses</dt><dd>${paid.map((b) => `$${b.amount} (${b.reason})`).join("; ")}</dd>` : ""}</dl>
<h4>Answers</h4>
${answersList(question, view)}
<details class="more"><summary>Answer XML</summary><pre>${a.answer ?? ""}</pre></details>
${a.status === "Submitted" ? html`<div class="review">
<form method="post" action="${base}/approve" class="review">${csrfField(csrf)}<div class="field"><label for="approve-${a.id}">Feedback (optional)</label><input type="text" id="approve-${a.id}" name="feedback"></div><button type="submit">Approve</button></form>
<form method="post" action="${base}/reject" class="review">${csrfField(csrf)}<div class="field"><label for="reject-${a.id}">Reason for rejecting</label><input type="text" id="reject-${a.id}" name="feedback"></div><button type="submit" class="danger">Reject</button></form>
</div>` : ""}
${a.status === "Rejected" ? html`<div class="review"><form method="post" action="${base}/approve" class="review">${csrfField(csrf)}<input type="hidden" name="override" value="1"><button type="submit" class="secondary">Approve instead (override the rejection)</button></form></div>` : ""}
<form method="post" action="${base}/bonus" class="review">${csrfField(csrf)}
  <div class="field"><label for="bonus-${a.id}">Bonus ($)</label><input type="text" id="bonus-${a.id}" name="amount" inputmode="decimal" size="8" placeholder="0.50"></div>
  <div class="field"><label for="bonus-reason-${a.id}">Reason for the bonus</label><input type="text" id="bonus-reason-${a.id}" name="reason" size="30"></div>
  <button type="submit" class="secondary">Send bonus</button></form>
</article>`;
}

function answersList(question: ParsedQuestion, view: AssignmentView): Html {
  if (view.answers.length === 0) return html`<p class="muted">No answers.</p>`;
  const form = question.kind === "QuestionForm" ? question : undefined;
  return html`<dl class="answers">${view.answers.map((answer) => {
    const q = form?.questions.find((x) => x.identifier === answer.QuestionIdentifier);
    const label = q?.displayName ? `${q.displayName} (${answer.QuestionIdentifier})` : answer.QuestionIdentifier;
    return html`<dt>${label}</dt><dd data-question-identifier="${answer.QuestionIdentifier}">${answerValue(view.assignment, answer, q?.answer)}</dd>`;
  })}</dl>`;
}

function answerValue(assignment: Assignment, answer: ParsedAnswer, spec: AnswerSpec | undefined): Html {
  if (answer.UploadedFileKey !== undefined) {
    const href = `/console/assignments/${encodeURIComponent(assignment.id)}/files/${encodeURIComponent(answer.QuestionIdentifier)}`;
    return html`<a href="${href}">Uploaded file</a> (${answer.UploadedFileSizeInBytes} bytes, key <code>${answer.UploadedFileKey}</code>)`;
  }
  if (answer.FreeText !== undefined) {
    const pretty = prettyJson(answer.FreeText);
    return pretty ? html`<pre>${pretty}</pre>` : html`${answer.FreeText}`;
  }
  const selected = (answer.SelectionIdentifiers ?? []).map((id) => {
    const choice = spec?.kind === "Selection" ? spec.selections.find((s) => s.identifier === id) : undefined;
    const text = choice && choice.content.name === "Text" ? textContent(choice.content).trim() : undefined;
    return text && text !== id ? `${text} [${id}]` : id;
  });
  if (answer.OtherSelectionText !== undefined) selected.push(`Other: ${answer.OtherSelectionText}`);
  return html`${selected.join("; ")}`;
}

/** Crowd HTML Elements answer in JSON: show it indented. */
function prettyJson(text: string): string | undefined {
  const t = text.trim();
  if (!(t.startsWith("{") || t.startsWith("["))) return undefined;
  try {
    return JSON.stringify(JSON.parse(t), null, 2);
  } catch {
    return undefined;
  }
}

// ---- Qualifications ----

export function qualificationTypesPage(types: QualificationType[]): Html {
  return html`<h1>Qualification types</h1>
${types.length === 0 ? html`<div class="card"><p>This account has created no Qualification types.</p></div>` : html`<table>
<thead><tr><th scope="col">Name</th><th scope="col">Id</th><th scope="col">Status</th><th scope="col">Test</th><th scope="col">Auto-granted</th><th scope="col">Created</th></tr></thead>
<tbody>${types.map(
  (t) => html`<tr><td><a href="/console/qualifications/${encodeURIComponent(t.id)}">${t.name}</a></td><td><code>${t.id}</code></td><td><span class="status">${t.status}</span></td>
  <td>${t.test ? (t.answerKey ? "Yes, graded by its AnswerKey" : "Yes, reviewed") : "No"}</td><td>${t.autoGranted ? `Yes (${t.autoGrantedValue ?? 1})` : "No"}</td><td>${timeTag(t.createdMs)}</td></tr>`,
)}</tbody></table>`}`;
}

export function qualificationTypePage(type: QualificationType, workers: WorkerQualification[], requests: QualificationRequest[], csrf: string): Html {
  return html`<h1>${type.name}</h1>
<div class="card"><p>${type.description}</p><dl class="kv"><dt>Id</dt><dd><code>${type.id}</code></dd><dt>Status</dt><dd>${type.status}</dd>
${type.keywords ? html`<dt>Keywords</dt><dd>${type.keywords}</dd>` : ""}${type.retryDelayS !== undefined ? html`<dt>Retry delay</dt><dd>${duration(type.retryDelayS)}</dd>` : ""}</dl></div>
<section class="card" aria-labelledby="scores"><h2 id="scores">Workers and scores</h2>
${workers.length === 0 ? html`<p class="muted">No worker has this Qualification.</p>` : html`<table><thead><tr><th scope="col">Worker</th><th scope="col" class="num">Score</th><th scope="col">Status</th><th scope="col">Granted</th></tr></thead>
<tbody>${workers.map((w) => html`<tr><td>${w.workerId}</td><td class="num">${w.integerValue ?? ""}</td><td><span class="status ${w.status}">${w.status}</span></td><td>${timeTag(w.grantMs)}</td></tr>`)}</tbody></table>`}
</section>
<section class="card" aria-labelledby="requests"><h2 id="requests">Requests waiting for review</h2>
${requests.length === 0 ? html`<p class="muted">None.</p>` : html`<table><thead><tr><th scope="col">Worker</th><th scope="col">Submitted</th><th scope="col">Answers</th><th scope="col"><span class="visually-hidden">Review</span></th></tr></thead>
<tbody>${requests.map(
  (r) => html`<tr><td>${r.workerId}</td><td>${timeTag(r.submitMs)}</td><td>${r.answer ? html`<details class="more"><summary>Answer XML</summary><pre>${r.answer}</pre></details>` : "—"}</td>
  <td><form method="post" action="/console/qualification-requests/${encodeURIComponent(r.id)}/accept" class="review">${csrfField(csrf)}<div class="field"><label for="score-${r.id}">Score</label><input type="number" id="score-${r.id}" name="value" value="1" size="5"></div><button type="submit">Grant</button></form>
  ${postButton(`/console/qualification-requests/${encodeURIComponent(r.id)}/reject`, "Reject", csrf, {}, "danger")}</td></tr>`,
)}</tbody></table>`}
</section>`;
}

// ---- Clock and request log ----

export function clockPage(now: number, frozen: boolean, wall: number, csrf: string, allowed: boolean): Html {
  const offset = Math.round((now - wall) / 1000);
  return html`<h1>Emulator clock</h1>
<div class="card"><dl class="kv"><dt>Emulator time</dt><dd id="clock-now">${timeTag(now)}</dd><dt>State</dt><dd id="clock-state">${frozen ? "Frozen" : "Running"}</dd>
<dt>Ahead of the wall clock by</dt><dd>${offset >= 0 ? duration(offset) : `−${duration(-offset)}`}</dd></dl></div>
${allowed ? html`<div class="grid2">
<form method="post" action="/console/clock" class="card">${csrfField(csrf)}<input type="hidden" name="action" value="advance">
  <h2>Advance</h2><div class="review"><div class="field"><label for="amount">By</label><input type="number" id="amount" name="amount" min="1" value="1" size="6"></div>
  <div class="field"><label for="unit">Unit</label><select id="unit" name="unit"><option value="60">minutes</option><option value="3600" selected>hours</option><option value="86400">days</option><option value="1">seconds</option></select></div>
  <button type="submit">Advance the clock</button></div></form>
<form method="post" action="/console/clock" class="card">${csrfField(csrf)}<input type="hidden" name="action" value="set">
  <h2>Set</h2><div class="review"><div class="field"><label for="at">UTC time</label><input type="text" id="at" name="at" value="${isoTime(now)}" size="24" spellcheck="false"></div>
  <button type="submit" class="secondary">Set the clock</button></div></form>
<div class="card"><h2>Freeze</h2><p>${frozen ? "The clock stands still until it is unfrozen." : "A frozen clock stands still: deadlines wait for you."}</p>
${postButton("/console/clock", frozen ? "Unfreeze" : "Freeze", csrf, { action: frozen ? "unfreeze" : "freeze" })}</div>
</div>` : html`<p class="muted">Only clients on this machine may move the clock (start the emulator with --control-from-anywhere to change this).</p>`}`;
}

export function requestsPage(entries: RequestEntry[], allowed: boolean): Html {
  if (!allowed) return html`<h1>Request log</h1><p class="muted">Only clients on this machine may read the request log (start the emulator with --control-from-anywhere to change this).</p>`;
  return html`<h1>Request log</h1>
<p class="muted">The newest API calls first (${entries.length} shown), as <code>GET /_emu/requests</code> lists them.</p>
${entries.length === 0 ? html`<div class="card"><p>No API calls yet.</p></div>` : html`<table>
<thead><tr><th scope="col" class="num">#</th><th scope="col">Time</th><th scope="col">Protocol</th><th scope="col">Operation</th><th scope="col">Access key</th><th scope="col" class="num">Status</th><th scope="col">Error</th><th scope="col" class="num">ms</th></tr></thead>
<tbody>${entries.map(
  (e) => html`<tr><td class="num">${e.seq}</td><td>${e.time}</td><td>${e.protocol}</td><td>${e.operation}</td><td><code>${e.accessKeyId ?? "—"}</code></td><td class="num">${e.status}</td><td>${e.error ?? ""}${e.fault ? ` (fault ${e.fault})` : ""}</td><td class="num">${e.ms}</td></tr>`,
)}</tbody></table>`}`;
}
