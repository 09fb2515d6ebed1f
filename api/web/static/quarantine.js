// Owners' review of units the content guard held at ingest: list, approve, reject.
// Uses api(), el() and $() from app.js; the view shows when the hash is #review.
"use strict";

// `done`: what the last decision did, kept in front of the count so that it is not lost
async function loadReview(done = "") {
  const r = await api("/api/quarantine");
  const list = $("review-list");
  if (!r.ok) { $("review-status").textContent = errorText(r); list.replaceChildren(); return; }
  $("review-status").textContent = done + (r.data.count ? `${r.data.count}件が確認待ちです。` : "確認待ちはありません。");
  list.replaceChildren(...r.data.units.map((u) => el("tr", {},
    el("td", { "data-label": "文書・箇所" }, `${u.document_title} ${u.label || ""}`),
    el("td", { "data-label": "内容" }, el("pre", { class: "excerpt" }, u.excerpt)),
    el("td", { "data-label": "理由" }, el("ul", { class: "plain" }, u.reasons.map((x) => el("li", {}, `${x.reason_ja}：${x.detail}`)))),
    el("td", { "data-label": "操作" },
      el("button", { type: "button", onclick: () => decide(u, "approve") }, "承認（表示する）"), " ",
      el("button", { type: "button", onclick: () => decide(u, "reject") }, "却下（表示しない）")))));
}

async function decide(unit, action) {
  const r = await api(`/api/quarantine/${unit.id}/${action}`, { method: "POST", body: {} });
  if (!r.ok) { $("review-status").textContent = errorText(r); return; }
  loadReview(`${unit.document_title} ${unit.label || ""} を${action === "approve" ? "承認" : "却下"}しました。`);
}

function reviewIfShown() {
  if (location.hash === "#review" && hasRole("editor")) loadReview();
}
window.addEventListener("hashchange", reviewIfShown);
(function waitForUser() { if (state.me) reviewIfShown(); else setTimeout(waitForUser, 50); })();
