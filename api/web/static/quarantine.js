// Owners' review of units the content guard held at ingest: list, approve, reject.
// Uses api(), el() and $() from app.js; the view shows when the hash is #review.
"use strict";

async function loadReview() {
  const r = await api("/api/quarantine");
  const list = $("review-list");
  if (!r.ok) { $("review-status").textContent = errorText(r); list.replaceChildren(); return; }
  $("review-status").textContent = r.data.count ? `${r.data.count}件が確認待ちです。` : "確認待ちはありません。";
  list.replaceChildren(...r.data.units.map((u) => el("tr", {},
    el("td", {}, `${u.document_title} ${u.label || ""}`),
    el("td", {}, el("pre", { class: "excerpt" }, u.excerpt)),
    el("td", {}, el("ul", { class: "plain" }, u.reasons.map((x) => el("li", {}, `${x.reason_ja}：${x.detail}`)))),
    el("td", {},
      el("button", { type: "button", onclick: () => decide(u, "approve") }, "承認（表示する）"), " ",
      el("button", { type: "button", onclick: () => decide(u, "reject") }, "却下（表示しない）")))));
}

async function decide(unit, action) {
  const r = await api(`/api/quarantine/${unit.id}/${action}`, { method: "POST", body: {} });
  $("review-status").textContent = r.ok
    ? `${unit.document_title} ${unit.label || ""} を${action === "approve" ? "承認" : "却下"}しました。`
    : errorText(r);
  if (r.ok) loadReview();
}

function reviewIfShown() {
  if (location.hash === "#review" && hasRole("editor")) loadReview();
}
window.addEventListener("hashchange", reviewIfShown);
(function waitForUser() { if (state.me) reviewIfShown(); else setTimeout(waitForUser, 50); })();
