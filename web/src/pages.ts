// The dashboard's analysis pages: the filter form and the figures for a selection, the trend by
// quarter, a member's page, supplier search and a supplier's evidence, and spend by place. Every
// figure links to the payments behind it (#/payments with the same filters).
import * as Plot from '@observablehq/plot';
import { get, network, memberName, years, catalogue, measureEntry } from './api';
import type { MeasuresReport, MemberPage, Place, SupplierList, MeasureCatalogue, MeasureId, Confidence, Scope, Goal, SupplierSummary, SupplierDetail, Fact, Decision, Network } from './api';
import { h, s, replace, table, tableWrap, facts, nextId } from './dom';
import type { Child } from './dom';
import { money, pct, count, date, dateTime, status as statusText, ukDates, yesNo } from './format';
import { href } from './router';

export const FILTER_KEYS = ['fy', 'quarter', 'member', 'size', 'geography', 'category'] as const;
export type Filters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

export function filtersOf(params: URLSearchParams): Filters {
  const f: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  return f;
}

const SIZE_BANDS: [string, string][] = [
  ['', 'Any size'], ['msme', 'Micro, small or medium'], ['micro', 'Micro'], ['small', 'Small'],
  ['medium', 'Medium'], ['sme', 'SME, band not known'], ['large', 'Large'], ['unknown', 'Size not known'],
];

// ---- The filter form: its state lives in the page's #hash, so a view can be bookmarked.
export function filterForm(net: Network, route: string, f: Filters): HTMLElement {
  const field = (label: string, control: HTMLElement): HTMLElement => {
    const id = control.id;
    return h('div', { class: 'field' }, h('label', { for: id }, label), control);
  };
  const select = (id: string, value: string | undefined, options: [string, string][]): HTMLSelectElement =>
    h('select', { id, name: id.replace(/^filter-/, '') },
      options.map(([v, text]) => h('option', { value: v, selected: v === (value ?? '') }, text)));
  const fy = select('filter-fy', f.fy, [['', 'Every year'], ...years(net).reverse().map((y): [string, string] => [y, `FY ${y}`])]);
  const quarter = select('filter-quarter', f.quarter, [['', 'Whole year'], ['1', 'Q1 (Apr-Jun)'], ['2', 'Q2 (Jul-Sep)'], ['3', 'Q3 (Oct-Dec)'], ['4', 'Q4 (Jan-Mar)']]);
  const member = select('filter-member', f.member, [['', 'Whole network'], ...net.members.map((m): [string, string] => [m.id, m.name])]);
  const size = select('filter-size', f.size, SIZE_BANDS);
  const geography = h('input', { id: 'filter-geography', name: 'geography', value: f.geography ?? '', placeholder: 'E09000022, inside, outside', size: 18 });
  const category = h('input', { id: 'filter-category', name: 'category', value: f.category ?? '', placeholder: 'e.g. social care', size: 16 });
  const hint = h('p', { class: 'muted', id: nextId('filter-hint') },
    'Quarter needs a year. Geography: a local authority code (E09000022 is Lambeth) or inside / outside / unknown, relative to the network\'s area. Category: words in the expense type.');
  const go = (): void => {
    const next: Record<string, string> = {};
    for (const [k, el] of [['fy', fy], ['quarter', quarter], ['member', member], ['size', size], ['geography', geography], ['category', category]] as const) {
      const v = el.value.trim();
      if (v) next[k] = v;
    }
    if (next.quarter && !next.fy) next.fy = years(net).slice(-1)[0] ?? '';
    location.hash = href(route, next);
  };
  // Selects apply at once; text boxes on Enter or the button.
  for (const el of [fy, quarter, member, size]) el.addEventListener('change', go);
  const form = h('form', { class: 'filters', 'aria-label': 'Filter the figures', 'aria-describedby': hint.id, onsubmit: (e: Event) => { e.preventDefault(); go(); } },
    field('Financial year', fy), field('Quarter', quarter), field('Member', member), field('Supplier size', size),
    field('Supplier\'s place', geography), field('Category', category),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Apply')),
    Object.keys(f).length ? h('div', { class: 'field' }, h('a', { href: href(route) }, 'Clear filters')) : null);
  return h('section', { class: 'filter-box' }, form, hint);
}

// ---- Figures for a selection, from /measures, each linked to its payments. Which measures the
// table shows is the dashboard's choice; their names are the catalogue's (/measures/catalogue).
type Measures = Scope['measures'];
/** A figure as a cell shows it: its amount, share of S2, and how far it can be trusted. */
interface Shown { pence: number; share_of_s2: number | null; confidence?: Confidence }
interface Row { measure: MeasureId; breakdown?: string; suffix?: string; value: (m: Measures) => Shown | undefined }
const FIGURE_ROWS: Row[] = [
  { measure: 'T1', value: (m) => m.T1 },
  { measure: 'S1', value: (m) => m.S1 },
  { measure: 'S2', value: (m) => m.S2 },
  { measure: 'S3', value: (m) => m.S3 },
  { measure: 'S3L', value: (m) => m.S3L },
  { measure: 'S4', value: (m) => m.S4 },
  { measure: 'S6', value: (m) => m.S6 },
  { measure: 'S7', value: (m) => m.S7 },
  { measure: 'S7b', value: (m) => m.S7b },
  { measure: 'S8', breakdown: 'decile_12', suffix: ' (IMD deciles 1-2)', value: (m) => m.S8 && { ...m.S8.deciles_1_2, confidence: m.S8.confidence } },
];

/** A share whose coverage judges it: "not known" when not known, else the share (warned if low). */
export function shareShown(share: number | null, confidence: Confidence): Child {
  if (confidence === 'not-known') return h('span', { class: 'not-known' }, 'not known');
  return [pct(share), confidenceMark(confidence)];
}

function rowLabel(cat: MeasureCatalogue, r: Row): string {
  return `${r.measure} ${measureEntry(cat, r.measure)?.long_label ?? ''}${r.suffix ?? ''}`;
}

/**
 * A figure with a coverage as the one rule says (core/coverage.h, served as `confidence`):
 * not known -> "not known", never an amount; low -> the amount with a visible warning.
 */
export function confidenceMark(confidence: Confidence | undefined): Child {
  if (confidence === 'low') return h('span', { class: 'warn', title: 'Low coverage: the facts this figure needs are known for less of the spend than the network\'s threshold' }, ' ⚠ low coverage');
  return null;
}

function periodLabel(sc: Scope): string {
  return sc.quarter ? `Q${sc.quarter} ${sc.financial_year}` : `FY ${sc.financial_year}`;
}

export async function figuresSection(f: Filters): Promise<HTMLElement> {
  const net = await network();
  const report = await get<MeasuresReport>('measures', { ...f, top: 0 });
  const quarter = Number(f.quarter ?? 0);
  const scopes = report.scopes.filter((sc) => sc.member === (f.member ?? '') && sc.quarter === quarter);
  const who = memberName(net, f.member ?? '');
  const cat = await catalogue();
  const cell = (sc: Scope, r: Row): Child => {
    const m = r.value(sc.measures);
    if (!m) return '—';
    const label = rowLabel(cat, r);
    if (m.confidence === 'not-known') {
      return h('span', { class: 'not-known', 'aria-label': `${label}, ${who}, ${periodLabel(sc)}: not known (no supplier in it has the fact this measure needs)` }, 'not known');
    }
    const params = { ...f, measure: r.measure, breakdown: r.breakdown, fy: sc.financial_year, quarter: sc.quarter || undefined };
    return [h('a', { href: href('payments', params), 'aria-label': `${label}, ${who}, ${periodLabel(sc)}: payments behind ${money(m.pence)}` }, money(m.pence)),
      r.measure === 'S2' || r.measure === 'T1' || r.measure === 'S1' ? null : h('span', { class: 'muted' }, ` ${pct(m.share_of_s2)}`),
      confidenceMark(m.confidence)];
  };
  const cols = [{ head: 'Measure', cell: (r: Row) => rowLabel(cat, r) },
    ...scopes.map((sc) => ({ head: periodLabel(sc), cell: (r: Row) => cell(sc, r), num: true }))];
  const coverage = h('tr', null, h('th', { scope: 'row' }, 'Coverage: supplier size known for'),
    scopes.map((sc) => h('td', { class: 'num' }, pct(sc.measures.S2?.coverage ?? null))));
  const t = table<Row>(cols, FIGURE_ROWS);
  t.tBodies[0].append(coverage);
  const filtersText = [f.size && `suppliers: ${SIZE_BANDS.find(([v]) => v === f.size)?.[1] ?? f.size}`,
    f.geography && `place: ${f.geography}`, f.category && `category: "${f.category}"`].filter(Boolean).join('; ');
  return h('section', { id: 'figures', 'aria-labelledby': 'figures-h' },
    h('h2', { id: 'figures-h' }, `Figures for ${who}${filtersText ? ` (${filtersText})` : ''}`),
    h('p', { class: 'muted' }, 'Each amount links to the payment lines behind it; the percentage is its share of addressable spend (S2). ',
      report.filtered ? 'With a supplier or category filter the payment lines are filtered first, so goals are not evaluated.' : null,
      f.member ? [' ', h('a', { href: href(['member', f.member]) }, `${who}: its page, its pledges and its peers`)] : null),
    tableWrap(`Figures for ${who}`, t));
}

// ---- Trend by quarter: S2 and the MSME share of it, with the table the chart draws.
export async function trendSection(f: Filters): Promise<HTMLElement> {
  const report = await get<MeasuresReport>('measures', { ...f, quarter: undefined, top: 0 });
  const member = f.member ?? '';
  const points = report.scopes.filter((sc) => sc.member === member && sc.quarter > 0)
    .map((sc) => ({ label: `Q${sc.quarter} ${String(sc.financial_year).slice(2)}`, fy: sc.financial_year, q: sc.quarter,
      s2: sc.measures.S2.pence, confidence: sc.measures.S3.confidence, known: sc.measures.S2.coverage,
      // Not known is not zero: no point, and a "not known" mark where the share would be.
      share: sc.measures.S3.confidence === 'not-known' ? null : sc.measures.S3.share_of_s2 }))
    .sort((a, b) => a.fy.localeCompare(b.fy) || a.q - b.q);
  const section = h('section', { 'aria-labelledby': 'trend-h' }, h('h2', { id: 'trend-h' }, 'Trend by quarter: addressable spend and the share with MSMEs'));
  if (!points.length) {
    section.append(h('p', null, 'No quarters with payments for this selection.'));
    return section;
  }
  const labels = points.map((p) => p.label);
  const width = Math.min(1000, Math.max(320, (document.getElementById('main')?.clientWidth ?? 900) - 40));
  const label = (el: Element, text: string): Element => {
    const svg = el.tagName.toLowerCase() === 'svg' ? el : el.querySelector('svg');
    svg?.setAttribute('role', 'img');
    svg?.setAttribute('aria-label', text);
    // Plot labels its groups; inside an image they are not allowed (and not needed).
    svg?.querySelectorAll('[aria-label], [aria-description]').forEach((g) => { g.removeAttribute('aria-label'); g.removeAttribute('aria-description'); });
    return el;
  };
  const bars = Plot.plot({
    width, height: 240, marginLeft: 60, marginBottom: 56, x: { domain: labels, label: null, tickRotate: -45 },
    y: { label: 'Addressable spend', grid: true, tickFormat: (v: number) => money(v) },
    marks: [Plot.barY(points, { x: 'label', y: 's2', fill: '#1d70b8' }), Plot.ruleY([0])],
  });
  const first = points[0], last = points[points.length - 1];
  label(bars, `Bar chart: addressable spend (S2) by quarter, ${first.label} to ${last.label}; from ${money(first.s2)} to ${money(last.s2)}. The table below has every value.`);
  const line = Plot.plot({
    width, height: 240, marginLeft: 60, marginBottom: 56, x: { domain: labels, label: null, tickRotate: -45 },
    y: { label: 'MSME share of S2', grid: true, domain: [0, 1], tickFormat: (v: number) => `${Math.round(v * 100)}%` },
    marks: [Plot.lineY(points.filter((p) => p.share !== null), { x: 'label', y: 'share', stroke: '#0b0c0c' }),
      Plot.dot(points.filter((p) => p.share !== null), { x: 'label', y: 'share', fill: '#0b0c0c' }),
      Plot.dot(points.filter((p) => p.confidence === 'low'), { x: 'label', y: 'share', r: 7, stroke: '#b45309', fill: 'none' }),
      Plot.text(points.filter((p) => p.share === null), { x: 'label', y: 0.05, text: () => 'not known', rotate: -90, textAnchor: 'start', fill: '#505a5f' })],
  });
  label(line, `Line chart: share of addressable spend with micro, small and medium businesses (S3) by quarter, ${first.label} ${first.share === null ? 'not known' : pct(first.share)} to ${last.label} ${last.share === null ? 'not known' : pct(last.share)}; quarters where no supplier's size is known are marked not known, and a ring marks low coverage. The table below has every value.`);
  const data = table<(typeof points)[number]>([
    { head: 'Quarter', cell: (p) => p.label },
    { head: 'Addressable spend (S2)', cell: (p) => h('a', { href: href('payments', { ...f, measure: 'S2', fy: p.fy, quarter: p.q }) }, money(p.s2)), num: true },
    { head: 'With MSMEs (S3 share)', cell: (p) => shareShown(p.share, p.confidence), num: true },
    { head: 'Size known (coverage)', cell: (p) => pct(p.known), num: true },
  ], points);
  section.append(h('figure', { class: 'chart' }, bars), h('figure', { class: 'chart' }, line),
    h('details', null, h('summary', null, 'The same figures as a table'), tableWrap('Trend by quarter', data)));
  return section;
}

// ---- A member: its figures against its own pledges, compared with its sector's peers.
type MemberBody = MemberPage;

export async function memberPage(id: string, page: (title: string, ...c: Child[]) => void): Promise<void> {
  const m = await get<MemberBody>(`members/${encodeURIComponent(id)}`);
  // Years with this member's payments (the network may have years the member has no file for).
  const yearsOf = m.scopes.filter((sc) => sc.quarter === 0 && (sc.measures.T1?.lines ?? 0) > 0);
  const link = (measure: string, fy: string, pence: number | undefined, breakdown?: string): Child =>
    typeof pence === 'number' ? h('a', { href: href('payments', { measure, breakdown, member: id, fy }) }, money(pence)) : '—';
  const byYear = table<Scope>([
    { head: 'Year', cell: (sc) => `FY ${sc.financial_year}` },
    { head: 'Addressable spend (S2)', cell: (sc) => link('S2', sc.financial_year, sc.measures.S2?.pence), num: true },
    { head: 'With MSMEs (S3)', cell: (sc) => [link('S3', sc.financial_year, sc.measures.S3?.pence), ` ${pct(sc.measures.S3?.share_of_s2 ?? null)}`], num: true },
    { head: 'VCSE (S6)', cell: (sc) => [link('S6', sc.financial_year, sc.measures.S6?.pence), ` ${pct(sc.measures.S6?.share_of_s2 ?? null)}`], num: true },
    { head: 'Local (S7)', cell: (sc) => [link('S7', sc.financial_year, sc.measures.S7?.pence), ` ${pct(sc.measures.S7?.share_of_s2 ?? null)}`], num: true },
    { head: 'Size known', cell: (sc) => pct(sc.measures.S2?.coverage ?? null), num: true },
  ], yearsOf);
  // As for the network, the worst of its years decides: off track, then at risk, then on track.
  const worst = (statuses: string[]): string | undefined =>
    ['off-track', 'at-risk', 'on-track', 'achieved'].find((st) => statuses.includes(st)) ?? statuses[0];
  // A share goal is judged per member and year: this member's own rows, latest year first.
  const mine = (g: Goal) => (g.rows ?? []).filter((r) => r.member === id).sort((a, b) => b.financial_year.localeCompare(a.financial_year));
  const goalValue = (g: Goal): string => g.kind === 'share'
    ? mine(g).map((r) => `FY ${r.financial_year}: ${pct(r.share ?? null)}`).join('; ') + ` (target ${pct(g.target_share ?? null)})`
    : typeof g.achieved_pence === 'number' ? `${money(g.achieved_pence)} against ${money(g.target_pence ?? null)}` : `${count(g.achieved ?? null)} against ${count(g.target ?? null)}`;
  const goals = table<Goal>([
    { head: 'Pledge', cell: (g) => g.description },
    { head: 'Where it stands', cell: (g) => goalValue(g), num: true },
    { head: 'Its status', cell: (g) => { const st = g.kind === 'share' ? worst(mine(g).map((r) => r.status ?? '')) ?? g.status : g.status; return h('span', { class: `status-${st}` }, statusText(st)); } },
    { head: 'Network', cell: (g) => g.kind === 'share' ? `${statusText(g.status)}: ${g.status_reason ?? ''}` : (g.status_reason ?? '') },
  ], m.goals);
  const peers = table<MemberBody['peers']['members'][number]>([
    { head: 'Member', cell: (p) => p.self ? h('strong', null, `${p.name} (this member)`) : h('a', { href: href(['member', p.member]) }, p.name) },
    { head: 'Addressable spend', cell: (p) => money(p.s2_pence ?? null), num: true },
    { head: 'With MSMEs', cell: (p) => shareShown(p.msme_share, p.confidence), num: true },
    { head: 'Size known', cell: (p) => pct(p.coverage ?? null), num: true },
    { head: 'Return', cell: (p) => ukDates(p.return_status ?? '—') },
  ], m.peers.members);
  const suppliers = table<MemberBody['top_suppliers'][number]>([
    { head: 'Supplier', cell: (x) => h('a', { href: href(['supplier', x.key]) }, x.name) },
    { head: 'Size', cell: (x) => x.size },
    { head: 'Addressable spend', cell: (x) => h('a', { href: href('payments', { measure: 'S2', member: id, supplier: x.key }) }, money(x.s2?.pence ?? null)), num: true },
    { head: 'Share', cell: (x) => pct(x.share_of_s2 ?? null), num: true },
  ], m.top_suppliers.slice(0, 20));
  page(m.member.name,
    h('p', { class: 'muted' }, `${m.member.sector_label ?? m.member.sector}. `, h('a', { href: href('overview', { member: id }) }, 'Filter the overview by this member')),
    h('h2', null, 'Its figures by year'), tableWrap(`${m.member.name}: figures by year`, byYear),
    h('h2', null, 'Its pledges'), m.goals.length ? tableWrap(`${m.member.name}: pledges`, goals) : h('p', null, 'No goals in the network file concern this member alone.'),
    h('h2', null, `Peers of its sector, FY ${m.peers.financial_year}`), tableWrap('Peers of its sector', peers),
    h('h2', null, 'Its largest suppliers'), tableWrap(`${m.member.name}: largest suppliers`, suppliers));
}

// ---- Suppliers: search, and a supplier's page with the evidence for every fact.
export async function suppliersPage(params: URLSearchParams, page: (title: string, ...c: Child[]) => void): Promise<void> {
  const q = params.get('q') ?? '';
  const list = await get<SupplierList>('suppliers', { q, limit: 50 });
  const input = h('input', { id: 'supplier-q', name: 'q', type: 'search', value: q, autocomplete: 'off', size: 30 });
  const form = h('form', { class: 'inline', role: 'search', onsubmit: (e: Event) => { e.preventDefault(); location.hash = href('suppliers', { q: input.value.trim() }); } },
    h('div', null, h('label', { for: 'supplier-q' }, 'Name, alias, company or charity number'), input), h('button', { type: 'submit' }, 'Search'));
  const rows = table<SupplierSummary>([
    { head: 'Supplier', cell: (x) => h('a', { href: href(['supplier', x.key]) }, x.name) },
    { head: 'Size', cell: (x) => x.size },
    { head: 'VCSE', cell: (x) => yesNo(x.vcse) },
    { head: 'Local', cell: (x) => yesNo(x.local) },
    { head: 'Addressable spend', cell: (x) => money(x.s2?.pence ?? null), num: true },
    { head: 'Members paying', cell: (x) => count(x.members?.length ?? 0), num: true },
  ], list.suppliers);
  page(q ? `Suppliers matching "${q}"` : 'Suppliers, largest addressable spend first', form,
    h('p', { role: 'status' }, `${count(list.total)} supplier${list.total === 1 ? '' : 's'}${list.total > list.suppliers.length ? `; the first ${list.suppliers.length} shown` : ''}.`),
    tableWrap('Suppliers', rows));
}

const FIELD_NAMES: Record<string, string> = {
  size: 'Size', vcse: 'VCSE', local: 'Local', postcode: 'Postcode', local_authority: 'Local authority', lsoa: 'LSOA',
  imd_decile: 'IMD decile', company_number: 'Company number', charity_number: 'Charity number', public_body: 'Public body',
  diverse: 'Diverse ownership', name: 'Name',
};

export async function supplierPage(key: string, page: (title: string, ...c: Child[]) => void): Promise<void> {
  const x = await get<SupplierDetail>(`suppliers/${encodeURIComponent(key)}`);
  const diverse = x.diverse && !Array.isArray(x.diverse)
    ? Object.entries(x.diverse).filter(([k]) => k !== 'evidence').map(([k, v]) => `${k}: ${v}`).join(', ') : '';
  const summary = facts([
    ['Key', h('code', null, x.key)],
    ['Size', x.size], ['VCSE', yesNo(x.vcse)], ['Local', yesNo(x.local)],
    ['Place', [x.postcode || '—', x.local_authority ? ` (${x.local_authority})` : '']],
    ['IMD decile', x.imd_decile ? String(x.imd_decile) : 'unknown'],
    ['Company number', x.company_number || '—'], ['Charity number', x.charity_number || '—'],
    ['Diverse ownership', diverse || '—'],
    ['Matched by', `${x.match?.method ?? '—'}${x.match?.register ? ` (${x.match.register})` : ''}`],
    ['Names as published', (x.aliases ?? []).join('; ') || x.name],
    ['Addressable spend', x.s2 ? h('a', { href: href('payments', { measure: 'S2', supplier: x.key }) }, `${money(x.s2.pence)} in ${count(x.s2.lines)} payments`) : '—'],
  ]);
  const evidence = table<Fact>([
    { head: 'Fact', cell: (f) => FIELD_NAMES[f.field] ?? f.field },
    { head: 'Value', cell: (f) => f.value },
    { head: 'Source', cell: (f) => [f.source, f.source_detail ? h('span', { class: 'muted' }, ` — ${f.source_detail}`) : null] },
    { head: 'As of', cell: (f) => date(f.as_of ?? '') },
    { head: 'Used', cell: (f) => (f.chosen ? 'yes' : f.conflicts ? 'no (conflicts)' : 'no') },
  ], x.facts);
  const decisions = table<Decision>([
    { head: 'When', cell: (d) => dateTime(d.at) },
    { head: 'Who', cell: (d) => String(d.by ?? '') },
    { head: 'Fact', cell: (d) => FIELD_NAMES[String(d.field)] ?? String(d.field ?? '') },
    { head: 'Change', cell: (d) => `${d.old || '—'} → ${d.new || '—'}` },
    { head: 'Note', cell: (d) => String(d.note ?? '') },
  ], x.decisions);
  page(x.name, summary,
    h('h2', null, 'The evidence for each fact'),
    x.facts.length ? tableWrap('Classification evidence', evidence) : h('p', null, 'No register, return or decision says anything about this supplier yet: its facts are unknown. Settle it from the unclassified queue.'),
    h('h2', null, 'Decisions'),
    x.decisions.length ? tableWrap('Decisions about this supplier', decisions) : h('p', null, 'No one has decided anything about this supplier.'),
    h('p', null, h('a', { href: href('unmatched') }, 'Settle suppliers in the unclassified queue')));
}

// ---- Place: addressable spend by London borough on a tile grid (or real boundaries).
// [GSS code, short name, row, column] in the usual London squares layout.
const LONDON: [string, string, number, number][] = [
  ['E09000010', 'Enfield', 0, 4],
  ['E09000015', 'Harrow', 1, 2], ['E09000003', 'Barnet', 1, 3], ['E09000014', 'Haringey', 1, 4], ['E09000031', 'Waltham F.', 1, 5],
  ['E09000017', 'Hillingdon', 2, 0], ['E09000009', 'Ealing', 2, 1], ['E09000005', 'Brent', 2, 2], ['E09000007', 'Camden', 2, 3],
  ['E09000019', 'Islington', 2, 4], ['E09000012', 'Hackney', 2, 5], ['E09000026', 'Redbridge', 2, 6], ['E09000016', 'Havering', 2, 7],
  ['E09000018', 'Hounslow', 3, 0], ['E09000013', 'Hammersm.', 3, 1], ['E09000020', 'Kensington', 3, 2], ['E09000033', 'Westminster', 3, 3],
  ['E09000001', 'City', 3, 4], ['E09000030', 'Tower H.', 3, 5], ['E09000025', 'Newham', 3, 6], ['E09000002', 'Barking', 3, 7],
  ['E09000027', 'Richmond', 4, 1], ['E09000032', 'Wandsworth', 4, 2], ['E09000022', 'Lambeth', 4, 3], ['E09000028', 'Southwark', 4, 4],
  ['E09000023', 'Lewisham', 4, 5], ['E09000011', 'Greenwich', 4, 6], ['E09000004', 'Bexley', 4, 7],
  ['E09000021', 'Kingston', 5, 2], ['E09000024', 'Merton', 5, 3], ['E09000008', 'Croydon', 5, 4], ['E09000006', 'Bromley', 5, 5],
  ['E09000029', 'Sutton', 6, 3],
];
const BLUES = ['#f1f6fb', '#c6dbef', '#8fbce0', '#3f8fd2', '#1d5fa0', '#0b3a6b'];

type PlaceBody = Place;
type PlaceArea = Place['areas'][number];

function deprivedShare(a: PlaceArea | undefined): number | null {
  if (!a || !a.s2.pence) return null;
  const known = a.s2.pence - (a.decile_unknown?.pence ?? 0);
  if (known <= 0) return null;
  return a.by_decile.filter((d) => d.decile <= 2).reduce((t, d) => t + d.pence, 0) / known;
}

type Shade = 's2' | 'deprived';
function shadeOf(a: PlaceArea | undefined, by: Shade, max: number): { fill: string; dark: boolean; text: string } {
  if (by === 's2') {
    const v = a?.s2.pence ?? 0;
    if (!v) return { fill: '#ffffff', dark: false, text: 'no addressable spend' };
    const i = 1 + Math.min(4, Math.floor((Math.sqrt(v) / Math.sqrt(max)) * 5 - 1e-9));
    return { fill: BLUES[i], dark: i >= 4, text: money(v) };
  }
  const share = deprivedShare(a);
  if (share === null) return { fill: '#ffffff', dark: false, text: 'deprivation not known' };
  const i = 1 + Math.min(4, Math.floor(share * 5));
  return { fill: BLUES[i], dark: i >= 4, text: `${pct(share)} in IMD deciles 1-2` };
}

function legend(by: Shade, max: number): HTMLElement {
  const steps = by === 's2'
    ? [1, 2, 3, 4, 5].map((i) => `up to ${money(Math.round(((i / 5) ** 2) * max))}`)
    : ['under 20%', '20-40%', '40-60%', '60-80%', '80% or more'];
  return h('ul', { class: 'legend', 'aria-label': 'Legend' },
    h('li', null, h('span', { class: 'swatch', style: 'background:#ffffff' }), by === 's2' ? 'none' : 'not known'),
    steps.map((t, i) => h('li', null, h('span', { class: 'swatch', style: `background:${BLUES[i + 1]}` }), t)));
}

function tileMap(areas: Map<string, PlaceArea>, by: Shade, max: number): SVGElement {
  const size = 62, gap = 4;
  const svg = s('svg', { viewBox: `0 0 ${8 * (size + gap)} ${7 * (size + gap)}`, role: 'img', class: 'tilemap',
    'aria-label': `Tile map of London's 33 boroughs shaded by ${by === 's2' ? 'addressable spend with suppliers based there' : 'the share of that spend in the most deprived 20% of areas'}; the table below lists every borough.` });
  for (const [code, short, row, col] of LONDON) {
    const a = areas.get(code);
    const sh = shadeOf(a, by, max);
    // No links inside the image: the table below has one per borough.
    const g = s('g', null,
      s('title', null, `${a?.name ?? short}: ${money(a?.s2.pence ?? 0)} addressable spend; ${pct(deprivedShare(a))} in IMD deciles 1-2`),
      s('rect', { x: col * (size + gap), y: row * (size + gap), width: size, height: size, fill: sh.fill, stroke: '#505a5f', 'stroke-width': 1 }),
      s('text', { x: col * (size + gap) + size / 2, y: row * (size + gap) + size / 2 + 4, 'text-anchor': 'middle', 'font-size': 10, fill: sh.dark ? '#ffffff' : '#0b0c0c' }, short));
    svg.append(g);
  }
  return svg;
}

interface Feature { properties?: Record<string, unknown>; geometry?: { type: string; coordinates: unknown } }
function boundaryMap(features: Feature[], areas: Map<string, PlaceArea>, by: Shade, max: number): SVGElement {
  const rings: { code: string; name: string; ring: number[][] }[] = [];
  // ONS boundary files name their columns by year (LAD13CD ... LAD24CD); others say code.
  const byPattern = (p: Record<string, unknown>, re: RegExp): unknown => Object.entries(p).find(([k]) => re.test(k))?.[1];
  const codeOf = (p: Record<string, unknown> = {}): string =>
    String(byPattern(p, /^LAD\d\dCD$/i) ?? p.GSS_CODE ?? p.gss_code ?? p.code ?? p.CODE ?? '');
  for (const f of features) {
    const code = codeOf(f.properties);
    const name = String(byPattern(f.properties ?? {}, /^LAD\d\dNM$/i) ?? f.properties?.NAME ?? f.properties?.name ?? code);
    const g = f.geometry;
    if (!g) continue;
    const polys = g.type === 'Polygon' ? [g.coordinates as number[][][]] : g.type === 'MultiPolygon' ? (g.coordinates as number[][][][]) : [];
    for (const poly of polys) for (const ring of poly) rings.push({ code, name, ring });
  }
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const r of rings) for (const [x, y] of r.ring) { minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y); }
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);  // equirectangular: shrink longitude
  const W = 600, H = Math.max(200, Math.round((W * (maxY - minY)) / Math.max(1e-9, (maxX - minX) * k)));
  const px = (x: number): number => ((x - minX) / (maxX - minX || 1)) * W;
  const py = (y: number): number => H - ((y - minY) / (maxY - minY || 1)) * H;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'tilemap', 'aria-label': `Map of ${new Set(rings.map((r) => r.code)).size} areas from the loaded boundaries, shaded as the legend says; the table below lists every area.` });
  for (const r of rings) {
    const sh = shadeOf(areas.get(r.code), by, max);
    const d = r.ring.map(([x, y], i) => `${i ? 'L' : 'M'}${px(x).toFixed(1)},${py(y).toFixed(1)}`).join('') + 'Z';
    svg.append(s('path', { d, fill: sh.fill, stroke: '#505a5f', 'stroke-width': 0.5 }, s('title', null, `${r.name}: ${sh.text}`)));
  }
  return svg;
}

export async function placePage(params: URLSearchParams, page: (title: string, ...c: Child[]) => void): Promise<void> {
  const f = filtersOf(params);
  const by: Shade = params.get('shade') === 'deprived' ? 'deprived' : 's2';
  const net = await network();
  const p = await get<PlaceBody>('place', { fy: f.fy, member: f.member, size: f.size, category: f.category });
  const areas = new Map(p.areas.map((a) => [a.code, a]));
  const max = Math.max(1, ...LONDON.map(([c]) => areas.get(c)?.s2.pence ?? 0));
  const mapBox = h('div', { class: 'map' }, tileMap(areas, by, max));
  const shade = h('select', { id: 'place-shade' },
    h('option', { value: 's2', selected: by === 's2' }, 'Addressable spend with suppliers there'),
    h('option', { value: 'deprived', selected: by === 'deprived' }, 'Share of it in the most deprived 20% of areas (IMD deciles 1-2)'));
  shade.addEventListener('change', () => { location.hash = href('place', { ...f, shade: shade.value === 's2' ? '' : shade.value }); });
  const fy = h('select', { id: 'place-fy' }, h('option', { value: '' }, 'Every year'),
    years(net).reverse().map((y) => h('option', { value: y, selected: y === f.fy }, `FY ${y}`)));
  fy.addEventListener('change', () => { location.hash = href('place', { ...f, fy: fy.value, shade: by === 's2' ? '' : by }); });
  const geo = h('input', { id: 'place-geojson', type: 'file', accept: '.geojson,.json,application/geo+json' });
  const geoStatus = h('p', { role: 'status', class: 'muted' });
  geo.addEventListener('change', async () => {
    const file = geo.files?.[0];
    if (!file) return;
    try {
      const gj = JSON.parse(await file.text()) as { features?: Feature[] };
      if (!gj.features?.length) throw new Error('it has no features');
      replace(mapBox, boundaryMap(gj.features, areas, by, max));
      geoStatus.textContent = `Showing ${gj.features.length} boundaries from ${file.name}.`;
    } catch (e) {
      geoStatus.textContent = `${file.name} could not be drawn: ${e instanceof Error ? e.message : String(e)}. Use a GeoJSON FeatureCollection of local authorities with a LADyyCD (e.g. LAD24CD) or code property, in longitude and latitude.`;
    }
  });
  const rows = [...p.areas].sort((a, b) => Number(b.in_geography) - Number(a.in_geography) || b.s2.pence - a.s2.pence);
  const list = table<PlaceArea>([
    { head: 'Area', cell: (a) => [a.name, a.in_geography ? '' : h('span', { class: 'muted' }, ' (outside)')] },
    { head: 'Code', cell: (a) => a.code },
    { head: 'Addressable spend', cell: (a) => h('a', { href: href('payments', { measure: 'S2', geography: a.code, fy: f.fy, member: f.member }) }, money(a.s2.pence)), num: true },
    { head: 'With MSMEs', cell: (a) => pct(a.msme_share), num: true },
    { head: 'In IMD deciles 1-2', cell: (a) => pct(deprivedShare(a)), num: true },
    { head: 'Suppliers', cell: (a) => count(a.suppliers), num: true },
  ], rows);
  page(`Local spend by place${f.fy ? `, FY ${f.fy}` : ', every year'}`,
    h('p', null, `${money(p.inside.pence)} of ${money(p.s2.pence)} addressable spend (${pct(p.local_share)}) went to suppliers based in ${p.network.geography}; `,
      `the supplier's place is known for ${pct(p.location_coverage)} of it. Deprivation is the Index of Multiple Deprivation decile of the supplier's address (1 = the most deprived 10% of areas in England).`),
    h('form', { class: 'filters', onsubmit: (e: Event) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: 'place-fy' }, 'Financial year'), fy),
      h('div', { class: 'field' }, h('label', { for: 'place-shade' }, 'Shade by'), shade),
      h('div', { class: 'field' }, h('label', { for: 'place-geojson' }, 'Real boundaries (GeoJSON, optional)'), geo)),
    geoStatus, mapBox, legend(by, max),
    h('h2', null, 'Every area'), tableWrap('Addressable spend by area', list));
}
