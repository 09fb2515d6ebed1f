// 庁内QA page: ask with citations, the personal-information check, feedback, uploads, admin.
// Plain JS, no build step. Views are switched by the URL hash (#ask, #upload, #admin …).
"use strict";

const $ = (id) => document.getElementById(id);
const state = { me: null, csrf: null, lastQuery: null, lastMode: null, logId: null,
                busy: false, previous: null, result: null };
const ROLE_JA = { staff: "職員", editor: "編集者", admin: "管理者", anonymous: "ゲスト" };
const KIND_JA = { law: "法令", regulation: "例規", faq: "FAQ", manual: "マニュアル" };
const MAX_QUERY_CHARS = 1000;
// other page modules (ask_more.js, sources.js, owners.js, admin_users.js) add a loader per view
const VIEWS = {};

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== false && v !== null && v !== undefined) node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) node.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
  return node;
}

async function api(path, { method = "GET", body, form } = {}) {
  const headers = {};
  if (state.csrf && method !== "GET") headers["X-CSRF-Token"] = state.csrf;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(path, { method, headers, credentials: "same-origin",
                                  body: form ?? (body !== undefined ? JSON.stringify(body) : undefined) });
  const type = res.headers.get("content-type") || "";
  const data = type.includes("json") ? await res.json() : await res.text();
  return { ok: res.ok, status: res.status, data };
}

function errorText(r) {
  return r.data?.error?.message_ja ?? `エラーが発生しました（${r.status}）`;
}

// ---------------------------------------------------------------- who am I, views
async function loadMe() {
  const r = await api("/api/auth/me");
  if (!r.ok) {  // 401 when CHONAI_AUTH_REQUIRED=true: log in first
    state.me = { role: "anonymous", departments: [] };
    renderWho();
    if (r.status === 401 && location.hash !== "#login") location.hash = "#login";
    return;
  }
  state.me = r.data.user;
  state.csrf = r.data.csrf_token;
  renderWho();
}

function hasRole(role) {
  const rank = { anonymous: -1, staff: 0, editor: 1, admin: 2 };
  return (rank[state.me?.role] ?? -1) >= rank[role];
}

function renderWho() {
  const me = state.me;
  const who = $("who");
  who.replaceChildren();
  if (!me || me.role === "anonymous") {
    who.append("ゲスト（公開文書のみ） ", el("a", { href: "#login" }, "ログイン"));
  } else {
    who.append(`${me.display_name || me.name}（${ROLE_JA[me.role]}・${me.departments.join("、") || "所属なし"}） `);
    if (me.auth === "session") who.append(el("button", { type: "button", class: "link", onclick: logout }, "ログアウト"));
  }
  for (const li of document.querySelectorAll("[data-role]")) li.hidden = !hasRole(li.dataset.role);
}

function showView() {
  const name = (location.hash || "#ask").slice(1);
  const view = $(`view-${name}`) ? name : "ask";
  for (const v of document.querySelectorAll(".view")) v.hidden = v.id !== `view-${view}`;
  for (const a of document.querySelectorAll("nav a")) {
    if (a.dataset.view === view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  if (view === "upload") loadUpload();
  if (view === "feedback") loadFeedback();
  if (view === "admin") loadAdmin();
  if (view === "login") $("login-name").focus();
  VIEWS[view]?.();
}

async function login(event) {
  event.preventDefault();
  const r = await api("/api/auth/login", { method: "POST",
    body: { name: $("login-name").value, password: $("login-password").value } });
  if (!r.ok) { $("login-status").textContent = errorText(r); return; }
  $("login-form").reset();
  $("login-status").textContent = "";
  state.csrf = r.data.csrf_token;
  await loadMe();
  location.hash = "#ask";
  $("query").focus();
}

async function logout() {
  await api("/api/auth/logout", { method: "POST" });
  state.csrf = null;
  await loadMe();
  location.hash = "#ask";
}

// ---------------------------------------------------------------- ask
function highlighted(text, quote) {
  const span = el("span");
  const at = quote ? text.indexOf(quote) : -1;
  if (at < 0) { span.append(text); return span; }
  span.append(text.slice(0, at), el("mark", { class: "quote" }, quote), text.slice(at + quote.length));
  return span;
}

function answerWithLinks(text) {
  // "[n]" markers become links to the n-th citation
  const node = el("div");
  for (const part of text.split(/(\[\d+\])/)) {
    const m = part.match(/^\[(\d+)\]$/);
    node.append(m ? el("a", { href: `#cite-${m[1]}`, class: "marker",
                              onclick: (e) => { e.preventDefault(); $(`cite-${m[1]}`)?.querySelector("button")?.focus(); } }, part)
                  : part);
  }
  return node;
}

function renderCitation(c) {
  const body = c.kind === "faq" ? `Q. ${c.question}\nA. ${c.answer ?? c.text}` : c.text;
  return el("li", { id: `cite-${c.marker}` },
    el("button", { type: "button", class: "link cite-open", onclick: () => openCitation(c) },
       `[${c.marker}] ${c.citation}`),
    el("blockquote", {}, highlighted(body, c.quote)));
}

function renderSimilar(q) {
  return el("li", {},
    el("details", {},
      el("summary", {}, q.question ?? q.citation),
      el("p", { class: "pre" }, q.answer ?? q.text),
      el("p", { class: "meta" }, `${q.document_title}${q.owner_department ? "・担当: " + q.owner_department : ""}`)));
}

function queryProblem(text) {
  if (!text.trim()) return "質問を入力してください（空白だけの質問は送れません）。";
  if (text.length > MAX_QUERY_CHARS) return `質問が${text.length}文字あります。${MAX_QUERY_CHARS}文字以内にしてください（あと${text.length - MAX_QUERY_CHARS}文字減らしてください）。`;
  return null;
}

function updateCount() {
  const n = $("query").value.length;
  $("query-count").textContent = `${n} / ${MAX_QUERY_CHARS}文字`;
  const over = n > MAX_QUERY_CHARS;
  $("query-count").classList.toggle("error", over);
  $("query-limit").hidden = !over;
  $("query-limit").textContent = over ? queryProblem($("query").value) : "";
  $("query").setAttribute("aria-invalid", over ? "true" : "false");
}

function setBusy(busy) {
  state.busy = busy;
  $("ask-submit").disabled = busy;
  $("ask-form").setAttribute("aria-busy", busy ? "true" : "false");
}

async function ask(event, confirmPii = false, options = {}) {
  event?.preventDefault();
  if (state.busy) return;  // a double click or a second Enter sends nothing more
  const typed = $("query").value;
  const problem = queryProblem(typed);
  if (problem) { $("status").textContent = problem; $("query").focus(); return; }
  setBusy(true);
  try { await askNow(typed.trim(), confirmPii, options); } finally { setBusy(false); }
}

async function askNow(typed, confirmPii, options) {
  const mode = document.querySelector("input[name=mode]:checked").value;
  // a follow-up (「それは何日前まで？」) is searched together with the previous question
  const query = options.literal ? typed : await window.rewriteFollowup?.(typed) ?? typed;
  state.lastQuery = query; state.lastMode = mode; state.typed = typed;
  $("status").textContent = "検索しています…";
  $("answer").hidden = true;
  $("similar").hidden = true;
  $("handover").hidden = true;
  const body = { query, mode, confirm_pii: confirmPii, ...(window.askFilters?.() ?? {}) };
  let r;
  try {
    if (window.historySearch && mode === "similar" && !$("filter-current").checked) {
      r = await window.historySearch(body);
    } else {
      r = mode === "answer" ? await askStream(body) : await api("/api/ask", { method: "POST", body });
    }
  } catch (err) {
    $("status").textContent = "サーバーに接続できません。";
    return;
  }
  if (!r.ok) {
    if (r.data?.error?.code === "PersonalInfoError") { $("status").textContent = ""; showPii(r.data.error.details); return; }
    $("status").textContent = errorText(r);
    return;
  }
  state.previous = query;
  renderResult(r.data);
}

// POST /api/ask/stream: server-sent events, "token" with each sentence that passed the citation
// checks while the LLM writes (shown as a draft), then "final", the checked reply that replaces
// the draft (it may fall back to excerpts). Errors before the stream are JSON.
async function askStream(body) {
  const headers = { "content-type": "application/json", accept: "text/event-stream" };
  if (state.csrf) headers["X-CSRF-Token"] = state.csrf;
  const res = await fetch("/api/ask/stream", { method: "POST", headers, credentials: "same-origin",
                                               body: JSON.stringify(body) });
  if (!res.ok || !(res.headers.get("content-type") || "").includes("text/event-stream")) {
    const type = res.headers.get("content-type") || "";
    return { ok: false, status: res.status, data: type.includes("json") ? await res.json() : await res.text() };
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "", draft = "", final = null;
  for (;;) {
    const { value, done } = await reader.read();
    buffer += decoder.decode(value ?? new Uint8Array(), { stream: !done });
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const event = parseSse(buffer.slice(0, cut));
      buffer = buffer.slice(cut + 2);
      if (event.name === "token") {
        draft += event.data;
        $("status").textContent = "回答を作成しています…（根拠を確認できた文から表示しています。下書きです）";
        $("answer-text").replaceChildren(el("p", { class: "pre draft" }, draft));
        $("citations").replaceChildren();
        $("answer").hidden = false;
      } else if (event.name === "final") final = event.data;
    }
    if (done) break;
  }
  if (!final) return { ok: false, status: 502, data: { error: { message_ja: "回答の受信が途中で切れました。もう一度お試しください。" } } };
  return { ok: true, status: 200, data: final };
}

function parseSse(block) {
  let name = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) name = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  return { name, data: JSON.parse(data.join("\n") || "null") };
}

function renderResult(data) {
  state.logId = data.log_id;
  state.result = data;
  $("start").hidden = true;
  $("answer-question").textContent = `質問: ${state.lastQuery ?? ""}`;
  // machine notices ("excerpts", "generated; …") stay quiet; Japanese ones (abstained, LLM down,
  // unverified → excerpts) are shown
  const quiet = !data.notice || /^(excerpts|generated)/.test(data.notice);
  $("status").textContent = data.abstained || !quiet ? data.notice : "";
  if (data.refusal && !data.refused) $("status").textContent = data.refusal.message;  // partly refused
  $("feedback-status").textContent = "";
  $("feedback-comment").value = "";
  $("answer").hidden = true;
  if (data.answer) {
    $("answer-text").replaceChildren(answerWithLinks(data.answer));
    $("citations").replaceChildren(...data.citations.filter((c) => c.marker).map(renderCitation));
    $("answer").hidden = false;
  }
  // FAQs already cited above are not listed again
  const cited = new Set((data.citations ?? []).filter((c) => c.marker).map((c) => c.chunk_id));
  const similar = (data.similar_qas ?? []).filter((q) => !cited.has(q.chunk_id));
  if (similar.length) {
    $("similar-list").replaceChildren(...similar.map(renderSimilar));
    $("similar").hidden = false;
  }
  if (data.abstained) window.renderHandover?.(data, similar);
  if (!data.answer && !similar.length && !data.abstained) $("status").textContent = data.notice ?? "該当する規程・FAQが見つかりません。";
}

function showPii(details) {
  const labels = [...new Set((details ?? []).map((d) => d.label_ja))];
  $("pii-list").replaceChildren(...labels.map((l) => el("li", {}, l)));
  $("pii-dialog").showModal();
  $("pii-rephrase").focus();
}

async function rate(event) {
  const rating = Number(event.currentTarget.dataset.rating);
  if (!state.logId) return;
  const r = await api("/api/feedback", { method: "POST",
    body: { log_id: state.logId, rating, comment: $("feedback-comment").value || null } });
  $("feedback-status").textContent = r.ok ? "評価を送信しました。ありがとうございます。" : errorText(r);
}

async function openCitation(c) {
  const dialog = $("doc-dialog");
  $("doc-h").textContent = c.citation;
  const body = $("doc-body");
  body.replaceChildren(el("p", {}, "読み込んでいます…"));
  $("doc-meta").textContent = "";
  $("doc-links").replaceChildren();
  dialog.showModal();
  window.citationSource?.(c);  // 例規番号・施行日・版, and the original PDF at the cited page
  if (c.kind === "faq") {
    body.replaceChildren(el("p", { class: "pre cited" }, highlighted(`Q. ${c.question}\nA. ${c.answer ?? c.text}`, c.quote)));
    return;
  }
  const q = c.article ? `?article=${encodeURIComponent(c.article)}` : "";
  const r = await api(`/api/documents/${encodeURIComponent(c.document_id)}/text${q}`);
  if (!r.ok) { body.replaceChildren(el("p", {}, errorText(r))); return; }
  const chunks = c.page ? r.data.chunks.filter((x) => x.page === c.page || x.chunk_id === c.chunk_id) : r.data.chunks;
  let first = null;
  body.replaceChildren(el("p", { class: "meta" }, r.data.document.title),
    ...chunks.map((x) => {
      // the cited 項, or only the cited 号 when the citation names one
      const cited = x.chunk_id === c.chunk_id || (c.paragraph && x.paragraph === c.paragraph
                                                  && (!c.item || x.item === c.item));
      const node = el("div", { class: cited ? "chunk cited" : "chunk", tabindex: cited ? "-1" : null },
        el("p", { class: "label" }, `${x.label || ""}${x.caption ? "（" + x.caption + "）" : ""}`),
        el("p", { class: "pre" }, cited ? highlighted(x.text, c.quote) : x.text));
      if (cited && !first) first = node;
      return node;
    }));
  first?.scrollIntoView({ block: "center" });
}

// ---------------------------------------------------------------- upload (editors)
async function loadUpload() {
  const box = $("upload-departments");
  box.replaceChildren(el("legend", {}, "公開範囲"),
    el("label", {}, el("input", { type: "checkbox", name: "departments", value: "*", checked: true }), " 全職員に公開"),
    ...(state.me?.departments ?? []).map((d) =>
      el("label", {}, el("input", { type: "checkbox", name: "departments", value: d }), ` ${d}のみ`)));
  await loadDocuments();
}

async function loadDocuments() {
  // the owners' document cards (sources.js): replace with a new version, 新旧, 所管課, delete
  await window.renderOwnerCards?.($("doc-table"));
}

function progressRow(f) {
  const pct = f.chunks_total ? Math.round((100 * f.chunks_done) / f.chunks_total) : (f.status === "done" ? 100 : 0);
  const label = { queued: "待機中", parsing: "解析中", indexing: "登録中", done: "完了", error: "エラー" }[f.status] ?? f.status;
  return el("li", { class: `file-${f.status}` },
    el("span", { class: "fname" }, f.name), " ",
    el("progress", { max: "100", value: String(pct), "aria-label": `${f.name} ${pct}%` }), ` ${label} ${pct}%`,
    f.error ? el("span", { class: "error" }, `：${f.error_ja ?? "登録できませんでした"}`) : "");
}

const RESULT_JA = { added: "新規登録", replaced: "新しい版に更新", unchanged: "変更なし（同じ内容が登録済み）",
                    "departments-updated": "公開範囲だけ更新" };

function renderReport(report, files = []) {
  // one row per file: what happened to it, in Japanese (registered, updated, unchanged, refused and why)
  const byName = new Map(files.map((f) => [f.name, f]));
  const rows = [];
  for (const f of files.length ? files : report.results.map((x) => ({ name: x.title, result: x }))) {
    const x = f.result;
    if (x) {
      rows.push(el("tr", {}, el("td", {}, f.name), el("td", {}, x.title),
        el("td", {}, RESULT_JA[x.status] ?? x.status),
        el("td", {}, `${x.chunks}件${x.duplicates.length ? `・重複の可能性${x.duplicates.length}件` : ""}${x.warnings?.length ? `・注意${x.warnings.length}件` : ""}`)));
    } else {
      const err = report.errors.find((e) => e.path === f.name);
      rows.push(el("tr", { class: "file-error" }, el("td", {}, f.name), el("td", {}, "－"),
        el("td", {}, "登録できませんでした"), el("td", {}, err?.error_ja ?? f.error_ja ?? "")));
    }
  }
  byName.clear();
  return el("div", { class: "card", id: "report" },
    el("h3", {}, "登録結果"),
    el("p", {}, `登録 ${report.documents}件（${report.chunks}件の条・項目）、重複の可能性 ${report.duplicates.length}件、登録できなかったファイル ${report.errors.length}件`),
    el("div", { class: "scroll" }, el("table", { class: "data" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "ファイル"), el("th", { scope: "col" }, "文書"),
        el("th", { scope: "col" }, "結果"), el("th", { scope: "col" }, "内容"))),
      el("tbody", {}, rows))),
    report.flagged?.length ? el("p", { class: "error" }, `確認待ちとして保留した箇所 ${report.flagged.length}件（`,
      el("a", { href: "#review" }, "保留中の内容"), "で承認・却下してください）") : "");
}

function uploadOutcome(job) {
  // 「登録が完了しました」 only when every file was registered
  const report = job.report;
  if (job.status === "error" || !report) return `登録に失敗しました：${job.error_ja ?? "理由は管理者にお問い合わせください"}`;
  const ok = report.documents, bad = report.errors.length;
  if (!bad) return `登録が完了しました（${ok}件）。`;
  if (!ok) return `登録できませんでした（${bad}件のファイルすべて）。理由は下の表を確認してください。`;
  return `${ok}件を登録し、${bad}件は登録できませんでした。理由は下の表を確認してください。`;
}

async function upload(event) {
  event.preventDefault();
  const form = new FormData();
  const files = $("upload-files").files;
  if (!files.length) { $("upload-status").textContent = "ファイルを選んでください。"; return; }
  for (const f of files) form.append("files", f);
  form.append("kind", $("upload-kind").value);
  for (const box of document.querySelectorAll("input[name=departments]:checked")) {
    if (box.value !== "*") form.append("departments", box.value);
  }
  $("upload-report").replaceChildren();
  $("upload-status").textContent = "アップロードしています…";
  const r = await api("/api/documents", { method: "POST", form });
  if (!r.ok) { $("upload-status").textContent = errorText(r); return; }
  $("upload-status").textContent = "登録しています…";
  const jobId = r.data.job_id;
  for (;;) {
    const j = await api(`/api/jobs/${jobId}`);
    if (!j.ok) { $("upload-status").textContent = errorText(j); return; }
    $("upload-progress").replaceChildren(...j.data.files.map(progressRow));
    if (j.data.status === "done" || j.data.status === "error") {
      $("upload-status").textContent = uploadOutcome(j.data);
      if (j.data.report) $("upload-report").replaceChildren(renderReport(j.data.report, j.data.files));
      loadDocuments();
      return;
    }
    await new Promise((ok) => setTimeout(ok, 400));
  }
}

// ---------------------------------------------------------------- feedback (editors)
async function loadFeedback() {
  const r = await api("/api/feedback");
  if (!r.ok) { $("feedback-list").replaceChildren(el("li", {}, errorText(r))); return; }
  $("feedback-list").replaceChildren(...r.data.feedback.map((f) => el("li", { class: "card" },
    el("p", {}, `${f.rating > 0 ? "👍 役に立った" : "👎 役に立たなかった"}　${f.ts.slice(0, 16).replace("T", " ")}　${f.user}`),
    el("p", {}, el("strong", {}, "質問: "), f.query ?? ""),
    f.comment ? el("p", {}, el("strong", {}, "コメント: "), f.comment) : "",
    el("p", { class: "meta" }, "根拠: ", (f.citations ?? []).map((c) => c.citation).join(" / ") || "なし"))));
  if (!r.data.feedback.length) $("feedback-list").replaceChildren(el("li", {}, "まだ評価はありません。"));
}

// ---------------------------------------------------------------- admin
async function loadAdmin() {
  const [s, u] = await Promise.all([api("/api/admin/stats"), api("/api/admin/unanswered")]);
  window.loadDepartmentChart?.();
  if (s.ok) {
    const d = s.data;
    const items = [["質問数", d.questions], ["検索数", d.searches], ["利用者数", d.users],
      ["回答できなかった割合", d.abstention_rate === null ? "-" : `${Math.round(d.abstention_rate * 100)}%`],
      ["応答時間（中央値）", d.latency_ms_median === null ? "-" : `${Math.round(d.latency_ms_median)} ms`],
      ["評価", `役に立った ${d.feedback.up ?? 0}件 / 役に立たなかった ${d.feedback.down ?? 0}件`],
      ["部署別", Object.entries(d.by_department).map(([k, v]) => `${k} ${v}`).join("、") || "-"]];
    $("stats").replaceChildren(...items.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, String(v))]));
  }
  if (u.ok) {
    $("unanswered").replaceChildren(...u.data.questions.map((q) =>
      el("li", {}, `${q.query}（${q.count}回${q.departments.length ? "・" + q.departments.join("、") : ""}）`)));
    if (!u.data.questions.length) $("unanswered").replaceChildren(el("li", {}, "ありません。"));
  }
  loadAudit();
  loadUsers();
}

const ACTION_JA = { ask: "質問", search: "検索", login: "ログイン", upload: "文書の登録", delete: "文書の削除",
  "delete-version": "版の削除", "document-details": "所管課の設定", "faq-publish": "FAQの公開",
  handover: "担当課へ送付", "key-create": "APIキー発行", "key-revoke": "APIキー失効",
  "user-add": "利用者の追加", "user-change": "利用者の変更" };
const MODE_JA = { answer: "回答", similar: "似た質問" };

function auditRange() {
  const p = new URLSearchParams();
  if ($("audit-since").value) p.set("since", $("audit-since").value);
  if ($("audit-until").value) p.set("until", $("audit-until").value);
  return p;
}

async function loadAudit(event) {
  event?.preventDefault();
  const p = auditRange(); p.set("limit", "200");
  const r = await api(`/api/admin/audit?${p}`);
  if (!r.ok) { $("audit-status").textContent = errorText(r); return; }
  $("audit-table").tBodies[0].replaceChildren(...r.data.entries.map((e) => el("tr", {},
    el("td", {}, String(e.seq)), el("td", {}, e.ts.slice(0, 19).replace("T", " ")),
    el("td", {}, `${e.user === "anonymous" ? "ゲスト" : e.user}${e.department ? "（" + e.department + "）" : ""}`),
    el("td", {}, `${ACTION_JA[e.action] ?? "その他の操作"}${e.mode ? "（" + (MODE_JA[e.mode] ?? e.mode) + "）" : ""}${e.pii?.length ? "・個人情報" : ""}`),
    el("td", {}, e.query ?? ""), el("td", {}, e.abstained ? "回答なし" : (e.answer ?? "").slice(0, 80)),
    el("td", {}, e.latency_ms === null ? "" : String(Math.round(e.latency_ms))))));
}

async function verifyAudit() {
  const r = await api("/api/admin/audit/verify");
  $("audit-status").textContent = !r.ok ? errorText(r) : r.data.ok
    ? `改ざんは見つかりませんでした（${r.data.entries}件）。`
    : `改ざんの可能性: #${r.data.first_bad_seq}（${r.data.reason}）`;
}

async function loadUsers() {
  const r = await api("/api/admin/users");
  if (!r.ok) return;
  // rows with their actions (disable, password, keys) come from admin_users.js
  $("users-table").tBodies[0].replaceChildren(...r.data.users.map((u) => userRow(u)));
}

async function createKey(name) {
  const r = await api(`/api/admin/users/${encodeURIComponent(name)}/keys`, { method: "POST", body: {} });
  $("users-status").textContent = r.ok ? `${name} のAPIキー（この画面でのみ表示）: ${r.data.key}` : errorText(r);
  loadUsers();
}

async function addUser(event) {
  event.preventDefault();
  const body = { name: $("user-name").value, role: $("user-role").value,
    departments: $("user-departments").value.split(/[、,]/).map((s) => s.trim()).filter(Boolean),
    password: $("user-password").value || null };
  const r = await api("/api/admin/users", { method: "POST", body });
  $("users-status").textContent = r.ok ? `${body.name} を追加しました。` : errorText(r);
  if (r.ok) event.target.reset();
  loadUsers();
}

// ---------------------------------------------------------------- wiring
$("ask-form").addEventListener("submit", (e) => ask(e));
$("query").addEventListener("input", updateCount);
$("login-form").addEventListener("submit", login);
$("upload-form").addEventListener("submit", upload);
$("audit-form").addEventListener("submit", loadAudit);
$("audit-verify").addEventListener("click", verifyAudit);
$("audit-csv").addEventListener("click", () => { location.href = `/api/admin/audit.csv?${auditRange()}`; });
$("user-form").addEventListener("submit", addUser);
for (const b of document.querySelectorAll(".rate")) b.addEventListener("click", rate);
$("pii-rephrase").addEventListener("click", () => { $("pii-dialog").close(); $("query").focus(); });
$("pii-confirm").addEventListener("click", () => { $("pii-dialog").close(); ask(null, true); });
$("doc-close").addEventListener("click", () => $("doc-dialog").close());
window.addEventListener("hashchange", showView);
// after every page module has registered its views
document.addEventListener("DOMContentLoaded", () => loadMe().then(showView));
