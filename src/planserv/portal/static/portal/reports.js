// Report charts: each canvas names the JSON data island that holds its spec (no inline JS, CSP).
// The table beside every chart holds the same numbers, so the page works without JavaScript.
(function () {
  "use strict";
  const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];
  function number(value) {
    if (value === null || value === undefined || value === "") return 0;
    return Number(value);
  }
  function draw(canvas) {
    const island = document.getElementById(canvas.dataset.reportChart);
    if (!island || typeof window.Chart === "undefined") return;
    const spec = JSON.parse(island.textContent);
    const valueAxis = spec.horizontal ? "x" : "y";
    const labelAxis = spec.horizontal ? "y" : "x";
    const scales = {};
    scales[valueAxis] = {
      beginAtZero: true,
      stacked: spec.stacked,
      title: { display: Boolean(spec.y_title), text: spec.y_title },
    };
    scales[labelAxis] = { stacked: spec.stacked };
    new window.Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.series.map((series, index) => ({
          label: series.label,
          data: series.values.map(number),
          backgroundColor: PALETTE[index % PALETTE.length],
          borderColor: PALETTE[index % PALETTE.length],
          borderWidth: 1,
        })),
      },
      options: {
        indexAxis: spec.horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        scales: scales,
        plugins: { legend: { position: "bottom" } },
      },
    });
    canvas.dataset.drawn = "true";
  }
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("canvas[data-report-chart]").forEach(draw);
  });
})();
