// The worker site's pages, as functions of what the domain returned.
import type { HitGroupQuery, HitGroupView, HitPreview, RequestableType, WorkerDashboard } from "../../domain/commands/worker-views";
import type { Eligibility } from "../../domain/eligibility";
import type { QuestionFormDocument } from "../../domain/questions/question";
import type { Assignment, HitView, QualificationRequest } from "../../domain/records";
import { csrfField, duration, html, layout, postButton, timeTag, type Html, type NavLink } from "../html";
import { problemSummary, renderQuestionForm } from "../question-form/render";

export interface WorkerChrome {
  workerId?: string;
  csrf: string;
  current: string;
  notice?: string;
}

export function workerLayout(title: string, chrome: WorkerChrome, body: Html): Html {
  const nav: NavLink[] = [
    { href: "/", label: "HITs" },
    { href: "/qualifications", label: "Qualifications" },
    { href: "/dashboard", label: "Dashboard" },
    { href: "/console", label: "Requester console" },
  ].map((l) => ({ ...l, current: l.href === chrome.current }));
  const account = chrome.workerId
    ? html`<span>Worker <strong>${chrome.workerId}</strong></span>${postButton("/worker/signout", "Sign out", chrome.csrf)}`
    : html`<a href="/worker/signin">Sign in</a>`;
  return layout({ title, area: "worker", nav, account, body, notice: chrome.notice });
}

// ---- Sign in ----

export function signInPage(next: string, csrf: string, error?: string, value = ""): Html {
  return html`<h1>Sign in as a worker</h1>
<div class="card">
<p>Enter a WorkerId. A worker who does not exist yet is created on the spot (no password: this is an emulator).</p>
${error ? html`<p class="field-error" role="alert" id="workerid-error"><strong>Error:</strong> ${error}</p>` : ""}
<form method="post" action="/worker/signin">
  ${csrfField(csrf)}<input type="hidden" name="next" value="${next}">
  <div class="field"><label for="workerId">WorkerId</label>
  <input type="text" id="workerId" name="workerId" value="${value}" autocomplete="username" spellcheck="false" aria-describedby="workerid-hint${error ? " workerid-error" : ""}"${error ? html` aria-invalid="true"` : ""}>
  <p class="hint" id="workerid-hint">An "A" followed by capital letters and digits, e.g. A1EXAMPLEWORKER.</p></div>
  <button type="submit">Sign in</button>
</form>
</div>`;
}

// ---- HIT groups ----

const SORTS: Array<[string, string]> = [["created", "Newest"], ["reward", "Reward"], ["available", "HITs available"], ["title", "Title"]];

export function qualificationStatus(e: Eligibility, signedIn: boolean): Html {
  if (e.accept) return html`<p class="qualification-status"><span class="status qualified">You qualify</span></p>`;
  const blocked = e.failed.some((f) => f.requirement === undefined);
  if (blocked) return html`<p class="qualification-status"><span class="status not-qualified">The requester has blocked you</span></p>`;
  if (!signedIn) {
    return html`<p class="qualification-status"><span class="status">Sign in to accept</span>${
      e.failed.length ? html` <span class="muted">Requires: ${e.failed.map((f) => f.reason).join("; ")}</span>` : ""
    }</p>`;
  }
  return html`<p class="qualification-status"><span class="status not-qualified">You do not meet: ${e.failed.map((f) => f.reason).join("; ")}</span></p>`;
}

export function groupsPage(groups: HitGroupView[], query: HitGroupQuery & { search?: string }, signedIn: boolean): Html {
  const sort = query.sort ?? "created";
  const descending = query.descending ?? sort !== "title";
  return html`<h1>HIT groups</h1>
<form class="searchbar" method="get" action="/" role="search">
  <div class="field"><label for="q">Search titles, descriptions and keywords</label><input type="search" id="q" name="q" value="${query.search ?? ""}" size="32"></div>
  <div class="field"><label for="sort">Sort by</label><select id="sort" name="sort">${SORTS.map(
    ([value, label]) => html`<option value="${value}"${value === sort ? html` selected` : ""}>${label}</option>`,
  )}</select></div>
  <div class="field"><label for="order">Order</label><select id="order" name="order">
    <option value="desc"${descending ? html` selected` : ""}>Descending</option><option value="asc"${descending ? "" : html` selected`}>Ascending</option></select></div>
  <button type="submit">Search</button>
</form>
<p class="muted" role="status">${groups.length === 1 ? "1 HIT group" : `${groups.length} HIT groups`}${query.search ? ` matching “${query.search}”` : ""}.</p>
${groups.length === 0 ? html`<div class="card"><p>No HITs are available${query.search ? " for this search" : ""} right now.</p></div>` : ""}
<ul class="groups">${groups.map((g) => groupItem(g, signedIn))}</ul>`;
}

function groupItem(g: HitGroupView, signedIn: boolean): Html {
  return html`<li class="group" data-group-id="${g.groupId}">
  <div>
    <h2><a href="/mturk/preview?groupId=${encodeURIComponent(g.groupId)}">${g.title}</a></h2>
    <p>${g.description}</p>
    <dl>
      <div><dt>Requester</dt><dd>${g.requesterId}</dd></div>
      <div><dt>Time allotted</dt><dd>${duration(g.assignmentDurationS)}</dd></div>
      <div><dt>HITs available</dt><dd class="hits-available">${g.hitsAvailable}</dd></div>
      <div><dt>Expires</dt><dd>${timeTag(g.expirationMs)}</dd></div>
      ${g.keywords ? html`<div><dt>Keywords</dt><dd>${g.keywords}</dd></div>` : ""}
      ${g.requirements.length ? html`<div><dt>Qualifications required</dt><dd>${g.requirements.map((r) => r.text).join("; ")}</dd></div>` : ""}
    </dl>
    ${qualificationStatus(g.eligibility, signedIn)}
  </div>
  <div class="actions">
    <span class="reward" aria-label="Reward">$${g.reward}</span>
    ${g.eligibility.preview ? html`<a class="button secondary" href="/mturk/preview?groupId=${encodeURIComponent(g.groupId)}">Preview</a>` : html`<span class="muted">Preview not allowed</span>`}
  </div>
</li>`;
}

// ---- A HIT: preview or work ----

export interface TaskArea {
  /** The question, ready to show: a form, or a frame. */
  body: Html;
}

function hitFacts(hit: HitView, extra: Html = html``): Html {
  return html`<dl class="kv">
  <dt>Requester</dt><dd>${hit.requesterId}</dd>
  <dt>Reward</dt><dd>$${hit.type.reward} per assignment</dd>
  <dt>Time allotted</dt><dd>${duration(hit.type.assignmentDurationS)}</dd>
  <dt>HIT expires</dt><dd>${timeTag(hit.expirationMs)}</dd>
  ${extra}
</dl>`;
}

export function previewPage(preview: HitPreview, task: Html, chrome: WorkerChrome): Html {
  const { hit, eligibility } = preview;
  const signedIn = chrome.workerId !== undefined;
  const continueLink = preview.inProgress
    ? html`<a class="button" href="${workUrl(hit, preview.inProgress.id)}">Continue working on this HIT</a>`
    : "";
  const accept = preview.inProgress
    ? continueLink
    : !signedIn
      ? html`<a class="button" href="/worker/signin?next=${encodeURIComponent(`/mturk/preview?hitId=${hit.id}`)}">Sign in to accept</a>`
      : eligibility.accept
        ? postButton("/mturk/accept", "Accept", chrome.csrf, { hitId: hit.id })
        : html`<button type="button" disabled>Accept</button>`;
  return html`<div class="taskbar" aria-label="HIT">
  <span class="title">${hit.type.title}</span><span class="reward">$${hit.type.reward}</span>
  <span class="muted">Preview</span><span class="spacer"></span>${accept}
</div>
<div class="card">
  <p>${hit.type.description}</p>
  ${hitFacts(hit, preview.requirements.length ? html`<dt>Qualifications required</dt><dd>${preview.requirements.map((r) => r.text).join("; ")}</dd>` : html``)}
  ${qualificationStatus(eligibility, signedIn)}
</div>
<h2 class="visually-hidden">The task</h2>
${task}`;
}

export const workUrl = (hit: HitView, assignmentId: string): string =>
  `/projects/${encodeURIComponent(hit.type.groupId)}/tasks/${encodeURIComponent(hit.id)}?assignment_id=${encodeURIComponent(assignmentId)}`;

export function countdown(assignment: Assignment, remainingMs: number, frozen: boolean): Html {
  const url = `/mturk/time-left?assignmentId=${encodeURIComponent(assignment.id)}`;
  const minutes = Math.ceil(remainingMs / 1000);
  return html`<span class="countdown" role="timer" aria-live="off" data-countdown data-remaining-ms="${remainingMs}" data-frozen="${frozen}" data-time-left-url="${url}">Time left: <span data-countdown-value>${duration(minutes)}</span></span>`;
}

export function workPage(hit: HitView, assignment: Assignment, remainingMs: number, frozen: boolean, task: Html, chrome: WorkerChrome): Html {
  return html`<div class="taskbar" aria-label="Assignment">
  <span class="title">${hit.type.title}</span><span class="reward">$${hit.type.reward}</span>
  ${countdown(assignment, remainingMs, frozen)}
  <span class="muted">Deadline ${timeTag(assignment.deadlineMs)}</span>
  <span class="spacer"></span>
  ${postButton("/mturk/return", "Return HIT", chrome.csrf, { assignmentId: assignment.id }, "secondary")}
</div>
<div class="card"><p>${hit.type.description}</p>${hitFacts(hit, html`<dt>Assignment</dt><dd><code>${assignment.id}</code></dd>`)}</div>
<h2 class="visually-hidden">The task</h2>
${task}`;
}

export function assignmentOverPage(hit: HitView, assignment: Assignment): Html {
  return html`<h1>${hit.type.title}</h1>
<div class="card"><p>This assignment is <span class="status ${assignment.status}">${assignment.status}</span>: there is nothing more to do on it.</p>
<p><a href="/dashboard">Go to your dashboard</a> · <a href="/">Find more HITs</a></p></div>`;
}

/** A QuestionForm: shown disabled in a preview, as the form to submit when working. */
export function questionFormArea(
  form: QuestionFormDocument,
  mode: "preview" | "work",
  csrf: string,
  assignmentId?: string,
  values?: ReadonlyMap<string, readonly string[]>,
  problems?: Readonly<Record<string, readonly string[]>>,
): Html {
  const items = renderQuestionForm(form, { mode, values, problems });
  if (mode === "preview") {
    return html`<div class="questionform preview" aria-label="HIT preview">${items}
<p class="muted">You are previewing this HIT. Accept it to answer.</p></div>`;
  }
  return html`<form class="questionform" method="post" action="/mturk/submit" enctype="multipart/form-data" novalidate>
${csrfField(csrf)}<input type="hidden" name="assignmentId" value="${assignmentId ?? ""}">
${problems ? problemSummary(form, problems) : ""}
${items}
<p><button type="submit">Submit</button></p>
</form>`;
}

/** A frame for an HTMLQuestion or ExternalQuestion page. */
export function taskFrame(src: string, title: string, frameHeight: number, sandbox: string): Html {
  const height = frameHeight > 0 ? frameHeight : 800;
  return html`<iframe class="task-frame" title="Task: ${title}" src="${src}" height="${height}" sandbox="${sandbox}" data-after-submit="/dashboard?submitted="></iframe>
<p class="muted">The task page above submits its answers itself.${frameHeight === 0 ? " (FrameHeight 0: the emulator cannot measure another site's page, so the frame is 800 pixels high.)" : ""}</p>`;
}

// ---- What /mturk/externalSubmit answers, inside the task frame ----

export function externalSubmitPage(outcome: "submitted" | "refused", title: string, message: string, assignmentId: string, siteOrigin: string): Html {
  return html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="stylesheet" href="${siteOrigin}/static/site.css"></head>
<body data-outcome="${outcome}" data-assignment-id="${assignmentId}" data-site-origin="${siteOrigin}">
<main id="main"><section class="${outcome === "submitted" ? "notice" : "error"}" role="${outcome === "submitted" ? "status" : "alert"}">
<h1>${title}</h1><p class="message">${message}</p>
<p><a href="${siteOrigin}/dashboard" target="_blank" rel="noopener">Open your dashboard</a></p></section></main>
<script src="${siteOrigin}/static/frame.js"></script>
</body></html>`;
}

// ---- Dashboard ----

export function dashboardPage(d: WorkerDashboard, csrf: string): Html {
  const c = d.counts;
  return html`<h1>Dashboard</h1>
<ul class="stats" aria-label="Earnings">
  <li>Approved earnings<span class="value" id="earnings-approved">${d.earnings.approved}</span></li>
  <li>Bonuses<span class="value" id="earnings-bonuses">${d.earnings.bonuses}</span></li>
  <li>Total earned<span class="value" id="earnings-total">${d.earnings.total}</span></li>
  <li>Pending review<span class="value" id="earnings-pending">${d.earnings.pending}</span></li>
</ul>
<ul class="stats" aria-label="Assignments by status">
  <li>In progress<span class="value">${c.Accepted}</span></li><li>Pending review<span class="value">${c.Submitted}</span></li>
  <li>Approved<span class="value">${c.Approved}</span></li><li>Rejected<span class="value">${c.Rejected}</span></li>
  <li>Returned<span class="value">${c.Returned}</span></li><li>Abandoned<span class="value">${c.Abandoned}</span></li>
</ul>
<section class="card" aria-labelledby="assignments-title"><h2 id="assignments-title">Your assignments</h2>
${d.assignments.length === 0 ? html`<p>You have not accepted any HITs yet. <a href="/">Find HITs</a>.</p>` : html`<table>
<thead><tr><th scope="col">HIT</th><th scope="col">Requester</th><th scope="col" class="num">Reward</th><th scope="col">Status</th><th scope="col">Accepted</th><th scope="col">Submitted</th><th scope="col">Feedback</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody>${d.assignments.map(
  ({ assignment: a, title, reward, requesterId, hitId, groupId }) => html`<tr data-assignment-id="${a.id}">
  <td>${title}</td><td>${requesterId}</td><td class="num">$${reward}</td><td><span class="status ${a.status}">${a.status === "Submitted" ? "Pending" : a.status}</span></td>
  <td>${timeTag(a.acceptMs)}</td><td>${timeTag(a.submitMs)}</td><td>${a.requesterFeedback ?? ""}</td>
  <td>${a.status === "Accepted" ? html`<a href="/projects/${encodeURIComponent(groupId)}/tasks/${encodeURIComponent(hitId)}?assignment_id=${encodeURIComponent(a.id)}">Continue</a> ${postButton("/mturk/return", "Return", csrf, { assignmentId: a.id }, "secondary")}` : ""}</td>
</tr>`,
)}</tbody></table>`}
</section>
<div class="grid2">
<section class="card" aria-labelledby="bonuses-title"><h2 id="bonuses-title">Bonuses</h2>
${d.bonuses.length === 0 ? html`<p class="muted">No bonuses yet.</p>` : html`<table><thead><tr><th scope="col">HIT</th><th scope="col" class="num">Amount</th><th scope="col">Reason</th><th scope="col">Paid</th></tr></thead>
<tbody>${d.bonuses.map((b) => html`<tr><td>${b.title ?? b.hitId}</td><td class="num">$${b.amount}</td><td>${b.reason}</td><td>${timeTag(b.grantMs)}</td></tr>`)}</tbody></table>`}
</section>
<section class="card" aria-labelledby="quals-title"><h2 id="quals-title">Qualifications</h2>
<table><thead><tr><th scope="col">Qualification</th><th scope="col" class="num">Score</th><th scope="col">Status</th></tr></thead>
<tbody>${d.qualifications.map(
  (q) => html`<tr><td>${q.system ? q.name : html`<a href="/qualifications/${encodeURIComponent(q.typeId)}">${q.name}</a>`}${q.system ? html` <span class="muted">(system)</span>` : ""}</td><td class="num">${q.value}</td><td><span class="status ${q.status}">${q.status}</span></td></tr>`,
)}</tbody></table>
${d.requests.length ? html`<h3>Requests</h3><ul>${d.requests.map((r) => html`<li>${r.typeName}: <span class="status ${r.status}">${r.status}</span>${r.integerValue !== undefined ? ` (score ${r.integerValue})` : ""} — ${timeTag(r.submitMs)}</li>`)}</ul>` : ""}
</section>
</div>
<section class="card" aria-labelledby="messages-title"><h2 id="messages-title">Messages</h2>
${d.messages.length === 0 ? html`<p class="muted">No messages.</p>` : html`<ul class="messages">${d.messages.map(
  (m) => html`<li><details class="more"><summary><strong>${m.subject}</strong> — from ${m.requesterId}, ${timeTag(m.sentMs)}</summary><p class="qf-text">${m.messageText}</p></details></li>`,
)}</ul>`}
</section>`;
}

// ---- Qualifications ----

export function qualificationsPage(types: RequestableType[], search: string): Html {
  return html`<h1>Qualifications you can request</h1>
<form class="searchbar" method="get" action="/qualifications" role="search">
  <div class="field"><label for="q">Search</label><input type="search" id="q" name="q" value="${search}"></div><button type="submit">Search</button>
</form>
${types.length === 0 ? html`<div class="card"><p>No requestable Qualification types${search ? " match this search" : ""}.</p></div>` : html`<table>
<thead><tr><th scope="col">Qualification</th><th scope="col">Description</th><th scope="col">Test</th><th scope="col">Your status</th></tr></thead>
<tbody>${types.map(
  (t) => html`<tr><td><a href="/qualifications/${encodeURIComponent(t.type.id)}">${t.type.name}</a></td><td>${t.type.description}</td>
  <td>${t.type.test ? "Yes" : t.type.autoGranted ? "Granted on request" : "Reviewed by the requester"}</td><td>${holding(t)}</td></tr>`,
)}</tbody></table>`}`;
}

function holding(t: RequestableType): Html {
  if (t.held) return html`<span class="status ${t.held.status}">${t.held.status}${t.held.value ? ` (score ${t.held.value})` : ""}</span>`;
  if (t.latest) return html`<span class="status ${t.latest.status}">Request ${t.latest.status}</span>`;
  return html`<span class="muted">—</span>`;
}

export function qualificationPage(
  t: RequestableType,
  form: QuestionFormDocument | undefined,
  csrf: string,
  values?: ReadonlyMap<string, readonly string[]>,
  problems?: Readonly<Record<string, readonly string[]>>,
  request?: QualificationRequest,
): Html {
  const type = t.type;
  return html`<h1>${type.name}</h1>
${request ? html`<p class="notice" role="status">Your request is <strong class="status ${request.status}">${request.status}</strong>${
    request.integerValue !== undefined ? html` with the score <strong>${request.integerValue}</strong>` : ""
  }.</p>` : ""}
<div class="card"><p>${type.description}</p>
<dl class="kv"><dt>Requester</dt><dd>${type.requesterId}</dd>
${type.testDurationS ? html`<dt>Time for the test</dt><dd>${duration(type.testDurationS)}</dd>` : ""}
<dt>Your status</dt><dd>${holding(t)}</dd></dl></div>
${!t.canRequest ? html`<p class="muted">${t.why ?? ""}</p>` : form
    ? html`<h2>Qualification test</h2>
<form class="questionform" method="post" action="/qualifications/${encodeURIComponent(type.id)}/request" enctype="multipart/form-data" novalidate>
${csrfField(csrf)}${problems ? problemSummary(form, problems) : ""}
${renderQuestionForm(form, { mode: "work", values, problems })}
<p><button type="submit">Submit the test</button></p></form>`
    : html`<form method="post" action="/qualifications/${encodeURIComponent(type.id)}/request" enctype="multipart/form-data">${csrfField(csrf)}<button type="submit">Request this Qualification</button></form>`}`;
}
