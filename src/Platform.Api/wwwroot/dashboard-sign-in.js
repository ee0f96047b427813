// Operators' sign-in for the Orleans dashboard: trades an operator's token for the dashboard's session cookie
// (POST /api/admin/dashboard-session, the token in the Authorization header, never in a URL), then opens the dashboard.
"use strict";

const error = document.getElementById("error");

function showError(message) {
  error.textContent = message;
  error.hidden = !message;
}

document.getElementById("session-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  showError("");
  const token = document.getElementById("token").value.trim();
  let response;
  try {
    response = await fetch("/api/admin/dashboard-session", { method: "POST", headers: { Authorization: `Bearer ${token}` } });
  } catch (failure) {
    showError(`The API did not answer: ${failure.message}`);
    return;
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    showError(`${response.status}: ${(body && (body.detail || body.title)) || response.statusText}`);
    return;
  }
  location.assign(body.dashboard);
});
