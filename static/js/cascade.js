// Expand and collapse the units below a unit in the cascade. Without this
// script every unit is shown, which is also how the page prints.
const buttons = document.querySelectorAll("[data-toggle]");
for (const button of buttons) {
  button.hidden = false;
  button.addEventListener("click", () => {
    const expanded = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", String(!expanded));
    for (const row of document.querySelectorAll("tr[data-ancestors]")) {
      if (!row.dataset.ancestors.split(" ").includes(button.dataset.toggle)) continue;
      if (expanded) {
        row.hidden = true;
      } else {
        // Show it unless a collapsed unit between stays closed.
        const closed = row.dataset.ancestors
          .split(" ")
          .some((id) => document.querySelector(`[data-toggle="${id}"]`)?.getAttribute("aria-expanded") === "false");
        row.hidden = closed;
      }
    }
  });
}
