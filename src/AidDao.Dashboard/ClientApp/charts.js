// Charts: a uPlot step line of a pool's balance over time, and plain CSS bars of a round's matching split.
import uPlot from 'uplot';
import { h } from './dom.js';
import { amount, amountFloat, nowSeconds, projectName } from './format.js';

const INK = '#4a5358';
const GRID = '#e6e3dc';
const LINE = '#1d5c63';

function compact(v) {
  const a = Math.abs(v);
  if (a >= 1e9) return `${+(v / 1e9).toFixed(1)}B`;
  if (a >= 1e6) return `${+(v / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${+(v / 1e3).toFixed(1)}k`;
  if (a >= 1 || a === 0) return `${+v.toFixed(2)}`;
  return `${+v.toPrecision(2)}`;
}

/**
 * A chart of one asset's balance after each change (history points { block, time, balance }, oldest first). Time on
 * the x axis; block numbers when any point has no time. Returns the wrapper element; the chart is drawn once the
 * wrapper is in the page and follows its width.
 */
export function balanceChart(history, asset, label) {
  const wrap = h('div', { class: 'chart', role: 'img', 'aria-label': label });
  const points = history.filter((p) => p.balance !== null && p.balance !== undefined);
  if (points.length === 0) {
    wrap.append(h('p', { class: 'muted small' }, 'No deposits or payouts yet.'));
    return wrap;
  }
  const useTime = points.every((p) => p.time !== null && p.time !== undefined);
  const xs = points.map((p) => Number(useTime ? p.time : p.block));
  const ys = points.map((p) => amountFloat(p.balance, asset.decimals));
  // Carry the last balance to now, so a quiet pool still shows a line up to today.
  if (useTime && xs[xs.length - 1] < nowSeconds()) {
    xs.push(nowSeconds());
    ys.push(ys[ys.length - 1]);
  }
  let plot = null;
  const draw = () => {
    const width = Math.max(200, Math.floor(wrap.clientWidth || 320));
    if (plot) {
      if (plot.width !== width) plot.setSize({ width, height: 150 });
      return;
    }
    plot = new uPlot({
      width,
      height: 150,
      padding: [10, 12, 0, 0],
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      scales: { x: { time: useTime }, y: { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      axes: [
        {
          stroke: INK,
          grid: { stroke: GRID, width: 1 },
          ticks: { stroke: GRID, width: 1 },
          font: '12px system-ui, sans-serif',
          space: 70,
          ...(useTime ? {} : { values: (u, vals) => vals.map((v) => `#${Math.round(v)}`) }),
        },
        {
          stroke: INK,
          grid: { stroke: GRID, width: 1 },
          ticks: { show: false },
          font: '12px system-ui, sans-serif',
          size: 48,
          values: (u, vals) => vals.map(compact),
        },
      ],
      series: [
        {},
        {
          label: asset.symbol,
          stroke: LINE,
          width: 2,
          fill: 'rgba(29, 92, 99, 0.10)',
          paths: uPlot.paths.stepped({ align: 1 }),
          points: { show: points.length <= 40, size: 5, fill: LINE },
        },
      ],
    }, [xs, ys], wrap);
  };
  let frame = 0;
  const observer = new ResizeObserver(() => {
    if (!wrap.isConnected) {
      observer.disconnect();
      plot?.destroy();
      plot = null;
      return;
    }
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(draw);
  });
  observer.observe(wrap);
  return wrap;
}

/**
 * The matching split of a round as horizontal bars: each project's share of all matching (projected or final).
 * `projects` are approved projects; returns null when nobody has a match yet.
 */
export function splitBars(projects, asset) {
  const withMatch = projects.filter((p) => BigInt(p.match ?? 0) > 0n);
  if (withMatch.length === 0) return null;
  const total = withMatch.reduce((sum, p) => sum + BigInt(p.match), 0n);
  return h('ul', { class: 'split', 'aria-label': 'How the matching pool is split' },
    withMatch.map((p) => {
      const share = Number((BigInt(p.match) * 10000n) / total) / 100;
      return h('li', { class: 'split-row', testid: `split-${p.id}` },
        h('span', { class: 'split-name' }, projectName(p)),
        h('span', { class: 'split-track' }, h('span', { class: 'split-bar', style: `width:${Math.max(share, 1).toFixed(2)}%` })),
        h('span', { class: 'split-value' }, `${share.toFixed(share < 10 ? 1 : 0)} % · ${amount(p.match, asset)}`));
    }));
}

/** A bar of how much of the rolling-window cap has left the pool. */
export function usageBar(used, cap, asset, testid) {
  const u = BigInt(used ?? 0);
  const c = BigInt(cap ?? 0);
  const pct = c > 0n ? Math.min(100, Number((u * 10000n) / c) / 100) : 0;
  const level = pct >= 90 ? 'high' : pct >= 60 ? 'mid' : 'low';
  return h('div', {
    class: `usage usage-${level}`,
    role: 'progressbar',
    'aria-valuemin': 0,
    'aria-valuemax': 100,
    'aria-valuenow': Math.round(pct),
    'aria-label': `${amount(u, asset)} of ${amount(c, asset)} used`,
    testid,
    dataset: { used: String(used ?? '0'), cap: String(cap ?? '0') },
  }, h('span', { class: 'usage-fill', style: `width:${pct.toFixed(2)}%` }));
}

