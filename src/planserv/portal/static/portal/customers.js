// Days-over-time chart: reads the JSON data island named by data-chart-source (no inline JS).
// The table beside the chart holds the same numbers, so the page works without JavaScript.
(function () {
  "use strict";
  function draw(canvas) {
    const island = document.getElementById(canvas.dataset.chartSource);
    if (!island || typeof window.Chart === "undefined") return;
    const data = JSON.parse(island.textContent);
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        // Later series are drawn on top (a higher `order` is drawn first), so a removal or a
        // consumption is not hidden behind the cumulative "accrued" line.
        datasets: data.series.map((series, index) => ({
          label: series.label,
          data: series.values,
          borderColor: series.colour,
          backgroundColor: series.colour,
          borderDash: series.key === "granted" ? [6, 4] : [],
          order: data.series.length - index,
          stepped: true,
          pointRadius: 3,
          borderWidth: 2,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          y: { beginAtZero: true, title: { display: true, text: "days" }, ticks: { precision: 0 } },
          x: { title: { display: true, text: "effective date" } },
        },
        plugins: { legend: { position: "bottom", reverse: true } },
      },
    });
  }
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("canvas[data-chart-source]").forEach(draw);
  });
})();
