// Chart.js (served from node_modules as /dashboard/vendor/chart.umd.min.js) with animations off,
// so a page is complete as soon as it is drawn.

const palette = ["#5aa9ff", "#f5a524", "#18794e", "#e5484d", "#8e4ec6", "#12a594", "#d6409f", "#667085"];

function canvasIn(container) {
  const canvas = document.createElement("canvas");
  container.append(canvas);
  return canvas;
}

/** A stacked bar chart: one bar per label, one dataset per series. */
export function stackedBars(container, labels, series, unit = "$") {
  return new window.Chart(canvasIn(container), {
    type: "bar",
    data: { labels, datasets: series.map((each, index) => ({ label: each.label, data: each.values, backgroundColor: palette[index % palette.length] })) },
    options: {
      animation: false,
      responsive: true,
      scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: unit } } },
    },
  });
}

/** A line chart of several series over the same labels. */
export function lines(container, labels, series, unit = "$") {
  return new window.Chart(canvasIn(container), {
    type: "line",
    data: {
      labels,
      datasets: series.map((each, index) => ({
        label: each.label,
        data: each.values,
        borderColor: palette[index % palette.length],
        backgroundColor: palette[index % palette.length],
        tension: 0.2,
      })),
    },
    options: { animation: false, responsive: true, scales: { y: { beginAtZero: true, title: { display: true, text: unit } } } },
  });
}

/** A horizontal bar chart of one value per label. */
export function bars(container, labels, values, label) {
  return new window.Chart(canvasIn(container), {
    type: "bar",
    data: { labels, datasets: [{ label, data: values, backgroundColor: palette[0] }] },
    options: { animation: false, responsive: true, indexAxis: "y" },
  });
}
