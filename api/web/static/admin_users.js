// 庁内QA page, administrators: users (disable / re-enable, reset password, issue and revoke API
// keys) and usage with the abstention rate per department as a small inline SVG chart.
"use strict";

function userRow(u) {
  const self = u.name === state.me?.name;
  const keys = u.keys.length ? u.keys.map((k) => el("span", { class: "key" }, `${k.id}${k.label ? "（" + k.label + "）" : ""} `,
    el("button", { type: "button", class: "link revoke-key", "aria-label": `${u.name}のAPIキー ${k.id} を失効させる`,
                   onclick: () => revokeKey(u.name, k.id) }, "失効"))) : ["なし"];
  return el("tr", { "data-user": u.name, class: u.active ? "" : "inactive" },
    el("td", {}, `${u.display_name && u.display_name !== u.name ? u.display_name + "（" + u.name + "）" : u.name}${u.active ? "" : "（無効）"}`),
    el("td", {}, ROLE_JA[u.role] ?? u.role),
    el("td", {}, u.departments.join("、") || "－"),
    el("td", {}, keys),
    el("td", {}, el("div", { class: "row" },
      el("button", { type: "button", class: "secondary toggle-user", disabled: self,
                     "aria-label": `${u.name}を${u.active ? "無効にする" : "有効に戻す"}`,
                     onclick: () => setActive(u.name, !u.active) }, u.active ? "無効にする" : "有効に戻す"),
      el("button", { type: "button", class: "secondary reset-password", "aria-label": `${u.name}のパスワードを再設定`,
                     onclick: () => askPassword(u.name) }, "パスワード再設定"),
      el("button", { type: "button", class: "secondary create-key", "aria-label": `${u.name}のAPIキーを発行`,
                     onclick: () => createKey(u.name) }, "APIキー発行"))));
}

async function setActive(name, active) {
  if (!active && !confirm(`${name} を無効にします。ログイン中の画面とAPIキーが使えなくなります。よろしいですか？`)) return;
  const r = await api(`/api/admin/users/${encodeURIComponent(name)}`, { method: "PATCH", body: { active } });
  $("users-status").textContent = r.ok ? `${name} を${active ? "有効に戻しました" : "無効にしました"}。` : errorText(r);
  loadUsers();
}

async function revokeKey(name, keyId) {
  if (!confirm(`${name} のAPIキー ${keyId} を失効させます。よろしいですか？`)) return;
  const r = await api(`/api/admin/keys/${encodeURIComponent(keyId)}`, { method: "DELETE" });
  $("users-status").textContent = r.ok ? `APIキー ${keyId} を失効させました。` : errorText(r);
  loadUsers();
}

let passwordFor = null;

function askPassword(name) {
  passwordFor = name;
  $("password-h").textContent = `${name} のパスワードの再設定`;
  $("password-new").value = "";
  $("password-dialog").showModal();
  $("password-new").focus();
}

async function savePassword(event) {
  event.preventDefault();
  const password = $("password-new").value;
  if (password.length < 8) { $("password-new").setCustomValidity("8文字以上にしてください"); $("password-new").reportValidity(); return; }
  $("password-new").setCustomValidity("");
  $("password-dialog").close();
  const r = await api(`/api/admin/users/${encodeURIComponent(passwordFor)}`, { method: "PATCH", body: { password } });
  $("users-status").textContent = r.ok ? `${passwordFor} のパスワードを再設定しました（ログイン中の画面は終了しました）。` : errorText(r);
}

$("password-form").addEventListener("submit", savePassword);
$("password-new").addEventListener("input", () => $("password-new").setCustomValidity(""));
$("password-cancel").addEventListener("click", () => $("password-dialog").close());

// ---------------------------------------------------------------- chart (inline SVG, no library)
const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function departmentChart(rows) {
  const barH = 22, gap = 10, labelW = 110, barW = 170, width = labelW + barW + 120;
  const max = Math.max(1, ...rows.map((r) => r.questions));
  const chart = svg("svg", { viewBox: `0 0 ${width} ${rows.length * (barH + gap) + 4}`, role: "img",
                             "aria-labelledby": "dept-chart-h dept-chart-desc", class: "bars" });
  chart.append(svg("desc", { id: "dept-chart-desc" }, rows.map((r) =>
    `${r.department}: 質問${r.questions}件、回答できなかった割合${Math.round(r.abstention_rate * 100)}%`).join("。")));
  rows.forEach((r, i) => {
    const y = i * (barH + gap) + 2;
    const w = Math.max(2, (barW * r.questions) / max);
    const missed = w * r.abstention_rate;
    chart.append(
      svg("text", { x: labelW - 6, y: y + barH * 0.7, "text-anchor": "end", class: "bar-label" }, r.department.slice(0, 8)),
      svg("rect", { x: labelW, y, width: w, height: barH, class: "bar-answered" }),
      svg("rect", { x: labelW + w - missed, y, width: missed, height: barH, class: "bar-missed" }),
      svg("text", { x: labelW + w + 6, y: y + barH * 0.7, class: "bar-value" },
          `${r.questions}件・${Math.round(r.abstention_rate * 100)}%`));
  });
  return chart;
}

window.loadDepartmentChart = async () => {
  const r = await api("/api/admin/departments");
  const box = $("dept-chart");
  if (!r.ok) { box.replaceChildren(el("p", {}, errorText(r))); return; }
  const rows = r.data.departments;
  if (!rows.length) { box.replaceChildren(el("p", {}, "まだ質問はありません。")); return; }
  box.replaceChildren(departmentChart(rows),
    el("p", { class: "small" }, "棒の長さ: 質問数。濃い部分: 回答できなかった質問の割合。"),
    el("table", { class: "data", id: "dept-table" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "部署"), el("th", { scope: "col" }, "質問数"),
        el("th", { scope: "col" }, "回答できなかった割合"), el("th", { scope: "col" }, "利用者数"))),
      el("tbody", {}, rows.map((x) => el("tr", {}, el("td", {}, x.department), el("td", {}, String(x.questions)),
        el("td", {}, `${Math.round(x.abstention_rate * 100)}%`), el("td", {}, String(x.users)))))));
};
