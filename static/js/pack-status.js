// While a pack's PDF is being made, look again every two seconds and show what
// the server says in the page's live region, until it is ready or has failed.
// Without JavaScript the page has a "Check again" link instead.
const region = document.getElementById("pdf-status");

async function lookAgain() {
  const response = await fetch(window.location.href, { headers: { Accept: "text/html" } });
  if (!response.ok) return;
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = page.getElementById("pdf-status");
  if (!fresh) return;
  region.innerHTML = fresh.innerHTML;
  region.dataset.finished = fresh.dataset.finished;
  if (fresh.dataset.finished !== "true") window.setTimeout(lookAgain, 2000);
}

if (region && region.dataset.finished !== "true") {
  for (const hint of region.querySelectorAll(".app-no-js-hint")) hint.hidden = true;
  window.setTimeout(lookAgain, 2000);
}
