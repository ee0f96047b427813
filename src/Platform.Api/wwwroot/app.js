// The marketplace's demo page: signs in with the API's development issuer, saves a freelancer profile, posts a job,
// offers it to a match, and shows live alerts from the /hubs/alerts SignalR hub. Plain browser JavaScript, no build.
"use strict";

const tenant = new URLSearchParams(location.search).get("tenant") || "demo";
const roles = { alice: "client", bruno: "freelancer" };
const state = { token: null, user: null, role: null, hub: null, lastSequence: 0, shown: new Set(), jobId: null };
const $ = (id) => document.getElementById(id);

$("tenant").textContent = tenant;
prefillDates();

function showError(message) {
  $("error").textContent = message;
  $("error").hidden = !message;
}

function prefillDates() {
  const day = 24 * 60 * 60 * 1000;
  const start = new Date(Date.now() + 7 * day);
  start.setUTCHours(9, 0, 0, 0);
  const iso = (date) => date.toISOString().replace(".000Z", "Z");
  $("j-start").value = iso(start);
  $("j-end").value = iso(new Date(start.getTime() + 8 * 60 * 60 * 1000));
  $("p-from").value = iso(new Date(start.getTime() - day));
  $("p-until").value = iso(new Date(start.getTime() + 2 * day));
}

const list = (text) => text.split(",").map((item) => item.trim()).filter((item) => item.length > 0);

async function api(method, path, body, idempotent) {
  const headers = { Authorization: `Bearer ${state.token}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (idempotent) headers["Idempotency-Key"] = crypto.randomUUID();
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const errors = json && json.errors ? " " + Object.values(json.errors).flat().join(" ") : "";
    throw new Error(`${method} ${path}: ${response.status} ${(json && (json.detail || json.title)) || ""}${errors}`);
  }
  return { json, response };
}

$("signin-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  showError("");
  const user = $("user").value;
  const role = roles[user];
  const response = await fetch("/dev/token", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ tenant, user, roles: [role] }),
  });
  // Without the development issuer /dev/token is not mapped: the fallback policy (a token for everything) answers 401.
  if (response.status === 404 || response.status === 401) {
    showError("Signing in needs the API's development issuer: start it with Api:Jwt:DevelopmentIssuer=true (bash scripts/run.sh does).");
    return;
  }
  if (!response.ok) {
    showError(`POST /dev/token: ${response.status}`);
    return;
  }
  const token = await response.json();
  Object.assign(state, { token: token.accessToken, user, role });
  $("signed-in").textContent = `Signed in as ${user} (${role}) of tenant ${tenant}.`;
  $("profile-section").hidden = role !== "freelancer";
  $("job-section").hidden = role !== "client";
  $("alerts-section").hidden = false;
  await connectAlerts();
});

$("profile-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  showError("");
  try {
    await api("PUT", "/api/freelancers/me", {
      displayName: $("p-name").value,
      headline: $("p-headline").value,
      description: $("p-description").value,
      email: $("p-email").value,
      skills: list($("p-skills").value),
      certifications: [],
      hourlyRate: Number($("p-rate").value),
      currency: $("p-currency").value,
      latitude: Number($("p-lat").value),
      longitude: Number($("p-lon").value),
      availability: [{ start: $("p-from").value, end: $("p-until").value }],
    });
    $("profile-status").textContent = "Profile saved.";
  } catch (error) {
    showError(error.message);
  }
});

$("job-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  showError("");
  $("matches").replaceChildren();
  try {
    const { response } = await api("POST", "/api/jobs", {
      title: $("j-title").value,
      description: $("j-description").value,
      requiredSkills: list($("j-skills").value),
      requiredCertifications: [],
      shiftStart: $("j-start").value,
      shiftEnd: $("j-end").value,
      latitude: Number($("j-lat").value),
      longitude: Number($("j-lon").value),
      radiusKm: Number($("j-radius").value),
      hourlyWageMin: Number($("j-min").value),
      hourlyWageMax: Number($("j-max").value),
      currency: $("j-currency").value,
      publish: true,
    }, true);
    state.jobId = response.headers.get("Location").split("/").pop();
    $("job-status").textContent = `Job ${state.jobId} published.`;
    await pollMatches(state.jobId);
  } catch (error) {
    showError(error.message);
  }
});

async function pollMatches(jobId) {
  $("matches-status").textContent = "Matching…";
  for (let attempt = 0; attempt < 60 && state.jobId === jobId; attempt++) {
    const { json } = await api("GET", `/api/jobs/${jobId}/matches`);
    if (json.length > 0) {
      $("matches-status").textContent = `${json.length} match(es).`;
      showMatches(jobId, json);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  $("matches-status").textContent = "No matches yet.";
}

function showMatches(jobId, candidates) {
  const items = candidates.map((candidate) => {
    const freelancerId = candidate.freelancerKey.slice(candidate.freelancerKey.indexOf("/") + 1);
    const item = document.createElement("li");
    item.dataset.freelancer = freelancerId;
    const rate = candidate.hourlyRate == null ? "" : `, rate ${candidate.hourlyRate}`;
    item.append(`#${candidate.rank} ${freelancerId} (similarity ${candidate.similarity.toFixed(2)}${rate}) `);
    const button = document.createElement("button");
    button.type = "button";
    button.id = `offer-${freelancerId}`;
    button.textContent = `Offer to ${freelancerId}`;
    button.addEventListener("click", () => makeOffer(jobId, freelancerId, item));
    item.append(button);
    return item;
  });
  $("matches").replaceChildren(...items);
}

async function makeOffer(jobId, freelancerId, item) {
  showError("");
  const wage = Number($("j-max").value);
  try {
    await api("POST", `/api/jobs/${jobId}/offers`, { freelancerId, hourlyWage: wage }, true);
    const status = document.createElement("span");
    status.className = "offer-status";
    status.textContent = ` Offer made (${wage}).`;
    item.append(status);
  } catch (error) {
    showError(error.message);
  }
}

async function connectAlerts() {
  if (state.hub) await state.hub.stop();
  state.lastSequence = 0;
  state.shown = new Set();
  $("alerts").replaceChildren();
  const hub = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/alerts", { accessTokenFactory: () => state.token })
    .withAutomaticReconnect()
    .build();
  hub.on("Alert", showAlert);
  hub.on("Reload", () => showError("Some alerts are no longer kept: reload the page to see the current state."));
  hub.onreconnecting(() => { $("hub-state").textContent = "reconnecting"; });
  hub.onreconnected(() => resume(hub));
  hub.onclose(() => { $("hub-state").textContent = "disconnected"; });
  state.hub = hub;
  try {
    await hub.start();
    await resume(hub);
  } catch (error) {
    showError(`Alerts: ${error.message}`);
  }
}

async function resume(hub) {
  $("hub-state").textContent = "connected";
  await hub.invoke("Resume", state.lastSequence);
}

function showAlert(alert) {
  if (state.shown.has(alert.sequence)) return; // already shown: a resume sends again what this page may have seen
  state.shown.add(alert.sequence);
  state.lastSequence = Math.max(state.lastSequence, alert.sequence);
  const item = document.createElement("li");
  item.dataset.sequence = String(alert.sequence);
  item.dataset.kind = alert.kind;
  const kind = document.createElement("span");
  kind.className = "kind";
  kind.textContent = alert.kind;
  const details = Object.entries(alert.payload || {}).map(([key, value]) => `${key}: ${value}`).join(", ");
  item.append(`#${alert.sequence} `, kind, ` ${details}`);
  $("alerts").append(item);
}
