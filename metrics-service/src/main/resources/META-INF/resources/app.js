// ReportFlow dashboard: plain JavaScript over the metrics-service REST API, routed by the URL hash.
// #/metrics[/<id>]  #/reports  #/reports/<id>  #/regions[/<region>]  #/anomalies
'use strict';

const view = document.getElementById('view');
let chart = null;

function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
}

function fmt(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return '';
  return Number(v).toLocaleString('zh-CN', {maximumFractionDigits: 2});
}

async function api(path) {
  const res = await fetch(path, {headers: {Accept: 'application/json'}});
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body && body.message ? body.message : res.status + ' ' + res.statusText);
  return body;
}

function setNav(name) {
  document.querySelectorAll('nav a[data-nav]').forEach(a => a.classList.toggle('active', a.dataset.nav === name));
}

function badge(status) {
  return `<span class="badge ${esc(status)}">${esc(status)}</span>`;
}

function reportLink(id, label) {
  return `<a href="#/reports/${encodeURIComponent(id)}" class="report-link">${esc(label || (id || '').slice(0, 12))}</a>`;
}

/** The sentence with [start, end) marked, or as is. */
function highlighted(sentence, range) {
  if (!sentence) return '';
  if (!range) return esc(sentence);
  const [a, b] = range;
  return esc(sentence.slice(0, a)) + '<mark>' + esc(sentence.slice(a, b)) + '</mark>' + esc(sentence.slice(b));
}

async function refreshStatus() {
  try {
    const s = await api('api/status');
    document.getElementById('status').textContent =
      `${s.complete} complete · ${s.pending} pending · ${s.indicators} indicators · ${s.anomalies} anomalies`;
  } catch (e) {
    document.getElementById('status').textContent = 'API unavailable';
  }
}

// ------------------------------------------------------------------ metrics

async function showMetrics(metricId) {
  setNav('metrics');
  const metrics = await api('api/metrics');
  const covered = metrics.filter(m => m.reports > 0);
  if (!metricId) metricId = (covered[0] || metrics[0] || {}).id;
  view.innerHTML = `
    <h2>Metrics across regions and years</h2>
    <div class="controls">
      <label>Metric
        <select id="metric-select">${metrics.map(m =>
          `<option value="${esc(m.id)}" ${m.id === metricId ? 'selected' : ''}>${esc(m.name)} · ${esc(m.id)} (${m.reports})</option>`).join('')}
        </select>
      </label>
      <a id="metric-csv" href="api/metrics/${encodeURIComponent(metricId)}?format=csv">CSV</a>
    </div>
    <div class="card"><div class="chart-box"><canvas id="metric-chart" aria-label="metric chart"></canvas></div></div>
    <div id="metric-summary" class="muted"></div>
    <table id="metric-table"><thead><tr>
      <th>Region</th><th>Year</th><th>Value</th><th>Unit</th><th>Approx</th><th>Report</th><th>Sentence</th>
    </tr></thead><tbody></tbody></table>`;
  document.getElementById('metric-select').addEventListener('change', e => {
    location.hash = '#/metrics/' + encodeURIComponent(e.target.value);
  });
  if (!metricId) return;
  const series = await api('api/metrics/' + encodeURIComponent(metricId));
  const info = metrics.find(m => m.id === metricId) || {};
  document.getElementById('metric-summary').textContent = series.rows.length
    ? `${info.reports || 0} reports, ${info.regions || 0} regions, years ${(info.years || []).join(', ')}`
    : 'No report states this metric yet.';
  const tbody = document.querySelector('#metric-table tbody');
  tbody.innerHTML = series.rows.map(r => `
    <tr class="clickable" data-report="${esc(r.report_id)}">
      <td>${esc(r.region || '(unknown)')}</td><td>${esc(r.report_year ?? '')}</td>
      <td class="num">${fmt(r.value)}</td><td>${esc(r.unit)}</td><td>${esc(r.approx)}</td>
      <td>${reportLink(r.report_id)}${r.statements > 1 ? ` <span class="muted">(${r.statements} statements)</span>` : ''}</td>
      <td class="quote">${esc(r.quote)}</td>
    </tr>`).join('');
  tbody.querySelectorAll('tr[data-report]').forEach(tr => tr.addEventListener('click', e => {
    if (e.target.tagName !== 'A') location.hash = '#/reports/' + encodeURIComponent(tr.dataset.report);
  }));
  drawChart(series);
}

/** Bars per region, one dataset per year (a line per region would hide single-year data). */
function drawChart(series) {
  const canvas = document.getElementById('metric-chart');
  if (chart) { chart.destroy(); chart = null; }
  if (typeof Chart === 'undefined') { canvas.replaceWith(Object.assign(document.createElement('p'), {textContent: 'Chart.js did not load.', className: 'error'})); return; }
  const regions = [...new Set(series.rows.map(r => r.region || '(unknown)'))].sort();
  const years = [...new Set(series.rows.map(r => r.report_year))].sort((a, b) => (a ?? 0) - (b ?? 0));
  const palette = ['#b42318', '#1570ef', '#079455', '#dc6803', '#6938ef', '#0e9384', '#c11574', '#475467'];
  const datasets = years.map((y, i) => ({
    label: y == null ? 'year unknown' : String(y),
    backgroundColor: palette[i % palette.length],
    data: regions.map(reg => {
      const row = series.rows.find(r => (r.region || '(unknown)') === reg && r.report_year === y);
      return row ? row.value : null;
    }),
  }));
  const unit = [...new Set(series.rows.map(r => r.unit).filter(Boolean))].join('/');
  chart = new Chart(canvas, {
    type: 'bar',
    data: {labels: regions, datasets},
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      plugins: {title: {display: true, text: `${series.name} (${series.metric})${unit ? ' · ' + unit : ''}`}},
      scales: {y: {beginAtZero: true}},
    },
  });
  canvas.dataset.points = String(series.rows.length);
}

// ------------------------------------------------------------------ reports

async function showReports(params) {
  setNav('reports');
  const page = Number(params.get('page') || 0);
  const q = new URLSearchParams({page: String(page), size: '50'});
  for (const k of ['status', 'region', 'year']) if (params.get(k)) q.set(k, params.get(k));
  const data = await api('api/reports?' + q);
  view.innerHTML = `
    <h2>Reports</h2>
    <form class="controls" id="report-filter">
      <label>Status <select name="status"><option value="">any</option>
        ${['complete', 'pending', 'superseded'].map(s => `<option ${params.get('status') === s ? 'selected' : ''}>${s}</option>`).join('')}
      </select></label>
      <label>Region <input name="region" value="${esc(params.get('region') || '')}"></label>
      <label>Year <input name="year" size="6" value="${esc(params.get('year') || '')}"></label>
      <button>Filter</button>
      <a href="api/reports?${q}&format=csv">CSV</a>
    </form>
    <table id="reports-table"><thead><tr><th>Region</th><th>Year</th><th>Level</th><th>File</th><th>Status</th>
      <th>Sections</th><th>Indicators</th></tr></thead><tbody>
      ${data.items.map(r => `<tr class="clickable" data-report="${esc(r.id)}">
        <td>${esc(r.region || '(unknown)')}</td><td>${esc(r.report_year ?? '')}</td><td>${esc(r.admin_level || '')}</td>
        <td>${reportLink(r.id, r.file || r.id.slice(0, 12))}</td><td>${badge(r.status)}</td>
        <td class="num">${r.sections}</td><td class="num">${r.indicators}</td></tr>`).join('')}
    </tbody></table>
    <div class="pager">
      ${page > 0 ? `<a href="#/reports?${withParam(params, 'page', page - 1)}">← previous</a>` : ''}
      <span class="muted">${data.total} reports, page ${page + 1} of ${Math.max(1, Math.ceil(data.total / data.size))}</span>
      ${(page + 1) * data.size < data.total ? `<a href="#/reports?${withParam(params, 'page', page + 1)}">next →</a>` : ''}
    </div>`;
  document.getElementById('report-filter').addEventListener('submit', e => {
    e.preventDefault();
    const f = new FormData(e.target);
    const p = new URLSearchParams();
    for (const [k, v] of f.entries()) if (v) p.set(k, v);
    location.hash = '#/reports?' + p;
  });
  view.querySelectorAll('tr[data-report]').forEach(tr => tr.addEventListener('click', e => {
    if (e.target.tagName !== 'A') location.hash = '#/reports/' + encodeURIComponent(tr.dataset.report);
  }));
}

function withParam(params, k, v) {
  const p = new URLSearchParams(params);
  p.set(k, v);
  return p.toString();
}

async function showReport(id) {
  setNav('reports');
  const r = await api('api/reports/' + encodeURIComponent(id));
  const bySection = new Map();
  for (const i of r.indicators) {
    if (!bySection.has(i.section_id)) bySection.set(i.section_id, []);
    bySection.get(i.section_id).push(i);
  }
  const children = new Map();
  for (const s of r.outline) {
    const p = s.parent_id || '';
    if (!children.has(p)) children.set(p, []);
    children.get(p).push(s);
  }
  const known = new Set(r.outline.map(s => s.section_id));
  const roots = r.outline.filter(s => !s.parent_id || !known.has(s.parent_id));
  const renderSection = s => `
    <li class="section" data-section="${esc(s.section_id)}">
      <div class="section-title">${esc(s.number ? s.number + '、' : '')}${esc(s.title || (s.section_id === 'preamble' ? '(前言)' : s.section_id))}
        <span class="count">${s.indicators_total} indicators${s.category ? ' · ' + esc(s.category) : ''}</span></div>
      ${(bySection.get(s.section_id) || []).map(renderIndicator).join('')}
      ${(children.get(s.section_id) || []).length ? `<ol>${children.get(s.section_id).map(renderSection).join('')}</ol>` : ''}
    </li>`;
  const orphans = r.indicators.filter(i => !known.has(i.section_id));
  view.innerHTML = `
    <h2>${esc(r.title || r.file || r.id)} ${badge(r.status)}</h2>
    <div class="card"><dl class="meta">
      <dt>Region</dt><dd>${r.region ? `<a href="#/regions/${encodeURIComponent(r.region)}">${esc(r.region)}</a>` : '(unknown)'}</dd>
      <dt>Year</dt><dd>${esc(r.report_year ?? '')}</dd>
      <dt>Agency</dt><dd>${esc(r.agency || '')}</dd>
      <dt>Level</dt><dd>${esc(r.admin_level || '')}</dd>
      <dt>File</dt><dd>${esc(r.file || '')}</dd>
      <dt>Extractor</dt><dd>${esc(r.version || r.pending_version || '')}${r.pending_version && r.version ? ` (re-extraction ${esc(r.pending_version)} in progress)` : ''}</dd>
      ${r.status === 'pending' ? `<dt>Received</dt><dd>${r.section_count ?? 0}/${r.expected_sections ?? '?'} sections, ${r.indicator_count ?? 0}/${r.expected_indicators ?? '?'} indicators</dd>` : ''}
      ${r.superseded_by ? `<dt>Superseded by</dt><dd>${reportLink(r.superseded_by)}</dd>` : ''}
      ${r.supersedes ? `<dt>Supersedes</dt><dd>${reportLink(r.supersedes)}</dd>` : ''}
      <dt>Id</dt><dd><code>${esc(r.id)}</code></dd>
    </dl></div>
    ${r.anomalies.length ? `<div class="card"><h3>Anomalies</h3><ul>${r.anomalies.map(a =>
      `<li><span class="badge anomaly">${esc(a.type)}</span> ${esc(a.metric || '')} — ${esc(a.message)}</li>`).join('')}</ul></div>` : ''}
    <div class="card outline" id="outline"><h3>Outline · ${r.indicators.length} indicators</h3>
      <ol>${roots.map(renderSection).join('')}</ol>
      ${orphans.length ? `<h3>Outside any section</h3>${orphans.map(renderIndicator).join('')}` : ''}
    </div>`;
}

function renderIndicator(i) {
  return `<div class="indicator" data-indicator="${esc(i.id)}">
    <div class="sentence">${highlighted(i.sentence, i.highlight)}</div>
    <div class="meta">${i.metric ? `<a href="#/metrics/${encodeURIComponent(i.metric)}">${esc(i.metric_name || i.metric)}</a> · ` : ''}
      ${fmt(i.value)} ${esc(i.unit)} · ${esc(i.approx)} · ${esc(i.kind || '')}${i.subject ? ' · ' + esc(i.subject) : ''}</div>
  </div>`;
}

// ------------------------------------------------------------------ regions

async function showRegions() {
  setNav('regions');
  const regions = await api('api/regions');
  view.innerHTML = `<h2>Regions</h2>
    <table id="regions-table"><thead><tr><th>Region</th><th>Level</th><th>Years</th><th>Reports</th></tr></thead><tbody>
    ${regions.map(g => `<tr class="clickable" data-region="${esc(g.region)}"><td><a href="#/regions/${encodeURIComponent(g.region)}">${esc(g.region)}</a></td>
      <td>${esc(g.admin_level || '')}</td><td>${esc(g.years.join(', '))}</td><td class="num">${g.reports}</td></tr>`).join('')}
    </tbody></table>`;
  view.querySelectorAll('tr[data-region]').forEach(tr => tr.addEventListener('click', e => {
    if (e.target.tagName !== 'A') location.hash = '#/regions/' + encodeURIComponent(tr.dataset.region);
  }));
}

async function showRegion(region) {
  setNav('regions');
  const r = await api('api/regions/' + encodeURIComponent(region));
  const metricIds = [...new Set(r.years.flatMap(y => Object.keys(y.metrics)))].sort();
  view.innerHTML = `<h2>${esc(r.region)} <span class="muted">${esc(r.admin_level || '')}</span></h2>
    <div class="card"><h3>Scorecard</h3>
    <table id="scorecard"><thead><tr><th>Metric</th>${r.years.map(y => `<th>${esc(y.report_year ?? '?')}</th>`).join('')}</tr></thead><tbody>
    ${metricIds.map(m => `<tr><td><a href="#/metrics/${encodeURIComponent(m)}">${esc(m)}</a></td>${r.years.map(y => {
      const v = y.metrics[m];
      return `<td class="num">${v ? fmt(v.value) + ' ' + esc(v.unit) : ''}</td>`;
    }).join('')}</tr>`).join('')}
    </tbody></table></div>
    <h3>Reports</h3>
    <ul>${r.reports.map(x => `<li>${reportLink(x.id, (x.report_year ?? '') + ' ' + (x.file || x.id.slice(0, 12)))} ${badge(x.status)}</li>`).join('')}</ul>`;
}

// ------------------------------------------------------------------ anomalies

async function showAnomalies(params) {
  setNav('anomalies');
  const q = new URLSearchParams({size: '500'});
  if (params.get('type')) q.set('type', params.get('type'));
  const data = await api('api/anomalies?' + q);
  const types = ['rate_over_100', 'rate_mismatch', 'conflicting_values', 'implausible_value'];
  view.innerHTML = `<h2>Anomalies</h2>
    <div class="controls"><label>Type <select id="anomaly-type"><option value="">any</option>
      ${types.map(t => `<option ${params.get('type') === t ? 'selected' : ''}>${t}</option>`).join('')}</select></label>
      <a href="api/anomalies?${q}&format=csv">CSV</a> <span class="muted">${data.total} found</span></div>
    <table id="anomalies-table"><thead><tr><th>Type</th><th>Region</th><th>Year</th><th>Metric</th><th>What</th><th>Sentence</th><th>Report</th></tr></thead><tbody>
    ${data.items.map(a => `<tr><td><span class="badge anomaly">${esc(a.type)}</span></td><td>${esc(a.region || '')}</td>
      <td>${esc(a.report_year ?? '')}</td><td>${esc(a.metric || '')}</td><td>${esc(a.message)}</td>
      <td class="quote">${esc(a.statements.length ? a.statements[0].quote : '')}</td><td>${reportLink(a.report_id, a.file)}</td></tr>`).join('')}
    </tbody></table>`;
  document.getElementById('anomaly-type').addEventListener('change', e => {
    location.hash = '#/anomalies' + (e.target.value ? '?type=' + e.target.value : '');
  });
}

// ------------------------------------------------------------------ router

async function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query || '');
  const [section, ...rest] = path.split('/');
  const arg = rest.length ? decodeURIComponent(rest.join('/')) : null;
  view.dataset.loading = 'true';
  try {
    if (section === 'reports' && arg) await showReport(arg);
    else if (section === 'reports') await showReports(params);
    else if (section === 'regions' && arg) await showRegion(arg);
    else if (section === 'regions') await showRegions();
    else if (section === 'anomalies') await showAnomalies(params);
    else await showMetrics(arg);
  } catch (e) {
    view.innerHTML = `<p class="error">${esc(e.message)}</p>`;
  } finally {
    view.dataset.loading = 'false';
  }
}

window.addEventListener('hashchange', route);
route();
refreshStatus();
setInterval(refreshStatus, 10000);
