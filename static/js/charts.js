// Draws each plotly figure the server built: a <div data-figure="ID"> whose
// JSON sits in <script type="application/json" id="ID">, so no inline script runs.
for (const element of document.querySelectorAll("[data-figure]")) {
  const figure = JSON.parse(document.getElementById(element.dataset.figure).textContent);
  // No toolbar: its buttons would be focusable controls inside an element
  // that assistive technology reads as one image (role="img"), and the page
  // has the values in a table and a download of its own. Nothing leaves the
  // app either: no links to Plotly's cloud services.
  window.Plotly.newPlot(element, figure.data, figure.layout, {
    responsive: true,
    displayModeBar: false,
    showLink: false,
    showSendToCloud: false,
    showEditInChartStudio: false,
    plotlyServerURL: "",
  });
}

// On paper a chart is as wide as the page, not the window it was drawn in: drawn
// again at the printed width before printing, and back to the window's after.
const PRINTED_WIDTH_PX = 700;
window.addEventListener("beforeprint", () => {
  for (const element of document.querySelectorAll("[data-figure]")) {
    if (element.offsetWidth > PRINTED_WIDTH_PX) {
      element.dataset.resizedForPrint = "true";
      window.Plotly.relayout(element, { width: PRINTED_WIDTH_PX });
    }
  }
});
window.addEventListener("afterprint", () => {
  for (const element of document.querySelectorAll("[data-resized-for-print]")) {
    delete element.dataset.resizedForPrint;
    window.Plotly.relayout(element, { width: null, autosize: true });
  }
});
