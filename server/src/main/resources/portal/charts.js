// An endpoint's charts, drawn with uPlot from the stats API: attempts succeeded and failed per bucket, and the
// latency percentiles. Each chart has a text summary beside it for readers who cannot see it.
import uPlot from "./uPlot.esm.js";
import { html, useEffect, useRef, useState, useLoad, Loading, ErrorBox } from "./ui.js";
import { get, tenant } from "./api.js";

const RANGES = {
  "24h": { label: "Last 24 hours", hours: 24, bucket: "1h" },
  "7d": { label: "Last 7 days", hours: 24 * 7, bucket: "1d" },
};

function Plot({ title, data, series, bars, unit, step }) {
  const box = useRef(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const width = () => Math.max(260, el.clientWidth || 600);
    const opts = {
      width: width(),
      height: 200,
      // half a bucket of room at either end, so the first and last bars are drawn whole
      // and the y axis from zero
      scales: {
        x: { time: true, range: (u, min, max) => [min - step / 2, max + step / 2] },
        y: { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] },
      },
      axes: [
        { stroke: "#5b6470" },
        {
          stroke: "#5b6470",
          size: 70,
          values: (u, ticks) => ticks.map((t) => (Number.isInteger(t) ? t : t.toFixed(1)) + (unit || "")),
        },
      ],
      series: [
        {},
        ...series.map((s, i) => ({
          label: s.label,
          stroke: s.color,
          fill: bars ? s.color + "cc" : undefined,
          width: bars ? 1 : 2,
          // bars side by side: the first series left of its time, the second right of it
          paths: bars ? uPlot.paths.bars({ size: [0.4, 24], align: i === 0 ? -1 : 1 }) : undefined,
          points: { show: !bars },
          spanGaps: false,
        })),
      ],
    };
    const plot = new uPlot(opts, data, el);
    const resize = () => plot.setSize({ width: width(), height: 200 });
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      plot.destroy();
    };
  }, [data]);
  return html`<figure class="chart">
    <figcaption>${title}</figcaption>
    <div class="chart-box" ref=${box} role="img" aria-label=${title}></div>
  </figure>`;
}

function sum(values) {
  return values.reduce((a, b) => a + (b || 0), 0);
}

/** Attempts and latency of one endpoint over the last 24 hours or 7 days. */
export function EndpointCharts({ endpointId }) {
  const [range, setRange] = useState("24h");
  const r = RANGES[range];
  const stats = useLoad(
    () =>
      get(tenant("endpoints", endpointId, "stats"), {
        since: new Date(Date.now() - r.hours * 3600 * 1000).toISOString(),
        bucket: r.bucket,
      }),
    [endpointId, range]
  );
  let body;
  if (stats.loading && !stats.data) body = html`<${Loading} what="Loading charts" />`;
  else if (stats.error) body = html`<${ErrorBox} error=${stats.error} />`;
  else {
    const buckets = stats.data.buckets || [];
    const xs = buckets.map((b) => Date.parse(b.start) / 1000);
    const ok = buckets.map((b) => b.succeeded);
    const failed = buckets.map((b) => b.failed);
    const bar = (counts) => counts.map((c) => (c ? c : null)); // no bar at all for an empty bucket
    const step = r.bucket === "1h" ? 3600 : 86400;
    const p50 = buckets.map((b) => b.p50Ms);
    const p99 = buckets.map((b) => b.p99Ms);
    const s = stats.data;
    body = html`<div class="grid two">
        <div class="card">
          <${Plot} title="Attempts" bars=${true} step=${step} data=${[xs, bar(ok), bar(failed)]}
            series=${[{ label: "Succeeded", color: "#1d7a3a" }, { label: "Failed", color: "#b3261e" }]} />
          <p class="muted" data-summary="attempts">
            ${sum(ok)} succeeded, ${sum(failed)} failed (${s.total ?? sum(ok) + sum(failed)} attempts)
          </p>
        </div>
        <div class="card">
          <${Plot} title="Latency" unit=" ms" step=${step} data=${[xs, p50, p99]}
            series=${[{ label: "p50", color: "#3656d6" }, { label: "p99", color: "#8a5a00" }]} />
          <p class="muted" data-summary="latency">
            p50 ${s.p50Ms ?? "—"} ms, p99 ${s.p99Ms ?? "—"} ms over the period
          </p>
        </div>
      </div>`;
  }
  return html`<section aria-labelledby="charts-title" data-charts>
    <h2 id="charts-title">Activity</h2>
    <div class="tabs" role="group" aria-label="Period">
      ${Object.entries(RANGES).map(
        ([key, value]) => html`<button type="button" aria-pressed=${String(key === range)}
          onClick=${() => setRange(key)}>${value.label}</button>`
      )}
    </div>
    ${body}
  </section>`;
}
