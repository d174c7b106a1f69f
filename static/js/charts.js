// Draws each plotly figure the server built: a <div data-figure="ID"> whose
// JSON sits in <script type="application/json" id="ID">, so no inline script runs.
for (const element of document.querySelectorAll("[data-figure]")) {
  const figure = JSON.parse(document.getElementById(element.dataset.figure).textContent);
  // Nothing leaves the app: no links or buttons to Plotly's cloud services.
  window.Plotly.newPlot(element, figure.data, figure.layout, {
    responsive: true,
    displaylogo: false,
    showLink: false,
    showSendToCloud: false,
    showEditInChartStudio: false,
    plotlyServerURL: "",
    modeBarButtonsToRemove: ["select2d", "lasso2d", "sendDataToCloud", "sendChartToCloud"],
  });
}
