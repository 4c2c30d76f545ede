// The dashboard: hash-routed pages over the JSON API (docs/api.md). Every figure shown comes
// from the API as integer pence and is formatted here; every headline links to the payments
// behind it (#/payments), whose total is the figure.
import { ApiError, get, postFile, postJson, apiUrl, network, memberName } from './api';
import type { Overview, Network, Headline, Goal, OverviewMember, ImportFile, Imports, Reject, Rejects, ImportSummary, ReturnsStatus, Payments, FileRows, UnmatchedList } from './api';
import { h, s, replace, table, tableWrap, facts, nextId } from './dom';
import type { Child } from './dom';
import { money, moneyExact, pct, date, count, tonnes, status as statusText, ukDates } from './format';
import { currentRoute, href } from './router';
import { filterForm, filtersOf, figuresSection, trendSection, memberPage, suppliersPage, supplierPage, placePage, shareShown, confidenceMark } from './pages';

const main = document.getElementById('main') as HTMLElement;
const banner = document.getElementById('banner') as HTMLElement;

function page(title: string, ...children: Child[]): void {
  document.title = `${title} — anchornet`;
  replace(main, h('h1', null, title), children);
}

function showError(e: unknown): void {
  const message = e instanceof ApiError ? `${e.message} (${e.code})` : String(e);
  replace(main, h('h1', null, 'Something went wrong'), h('p', { class: 'error', role: 'alert' }, message));
}

// ---- Overview ----
function tile(hl: Headline): HTMLElement {
  // The API gives each payments headline the /payments query whose lines add up to it.
  const link = hl.payments as { measure: string; fy: string; fy_to?: string } | null | undefined;
  const drill = link
    ? h('a', { href: href('payments', link) }, 'See the payments behind this figure')
    : null;
  return h('li', { class: 'tile', 'data-headline': hl.id },
    h('p', { class: 'figure' }, hl.figure),
    h('p', null, hl.text),
    h('p', { class: 'muted' }, hl.basis),
    drill);
}

function goalValue(g: Goal, which: 'achieved' | 'target' | 'expected'): string {
  if (g.kind === 'share') {
    // A share goal: the share over all its members and years; the status is decided by each
    // member-year against the target (the Why column names the lowest).
    if (which === 'target') return pct(g.target_share ?? null);
    if (which === 'achieved') return `${pct(g.share ?? null)} overall`;  // its member-years decide the status
    return '—';
  }
  const p = g[`${which}_pence`];
  if (typeof p === 'number') return money(p);
  const kg = g[`${which}_kg`];
  if (typeof kg === 'number') return tonnes(kg);
  const v = g[which];
  return typeof v === 'number' ? count(v) : '—';
}

/** A goal's progress as a bar: achieved against the target, a mark where the straight-line
 *  trajectory says it should be by now. Share goals have no bar (their table cells say it). */
function goalBar(g: Goal): Child {
  const unitOf = (w: 'achieved' | 'target' | 'expected'): number | undefined => {
    const v = g[`${w}_pence`] ?? g[`${w}_kg`] ?? g[w];
    return typeof v === 'number' ? v : undefined;
  };
  const achieved = unitOf('achieved'), target = unitOf('target'), expected = unitOf('expected');
  if (g.kind === 'share' || !achieved || !target || target <= 0) return null;
  const W = 160, H = 14;
  const x = (v: number): number => Math.max(0, Math.min(W, (v / target) * W));
  return s('svg', { width: W, height: H + 4, viewBox: `0 0 ${W} ${H + 4}`, role: 'img', class: 'goalbar',
    'aria-label': `${goalValue(g, 'achieved')} of ${goalValue(g, 'target')}; ${goalValue(g, 'expected')} expected by now` },
    s('rect', { x: 0, y: 2, width: W, height: H, fill: '#f3f2f1', stroke: '#505a5f' }),
    s('rect', { x: 0, y: 2, width: x(achieved), height: H, fill: '#1d70b8' }),
    typeof expected === 'number' ? s('line', { x1: x(expected), x2: x(expected), y1: 0, y2: H + 4, stroke: '#0b0c0c', 'stroke-width': 2 }) : null);
}

async function overviewPage(params: URLSearchParams): Promise<void> {
  const f = filtersOf(params);
  const net = await network();
  const filtered = Object.keys(f).some((k) => k !== 'fy');
  const [o, figures, trend] = await Promise.all([
    get<Overview>('overview', { fy: f.fy }),
    filtered ? figuresSection(f) : Promise.resolve(null),
    trendSection({ member: f.member, size: f.size, geography: f.geography, category: f.category }),
  ]);
  const goals = table<Goal>([
    { head: 'Goal', cell: (g) => g.description },
    { head: 'Achieved', cell: (g) => goalValue(g, 'achieved'), num: true },
    { head: 'Expected by now', cell: (g) => goalValue(g, 'expected'), num: true },
    { head: 'Target', cell: (g) => goalValue(g, 'target'), num: true },
    { head: 'Progress (mark: where the trajectory says it should be)', cell: goalBar },
    { head: 'Status', cell: (g) => h('span', { class: `status-${g.status}` }, statusText(g.status)) },
    { head: 'Why', cell: (g) => g.status_reason ?? '' },
  ], o.goals);
  // Each member's part of the year's MSME spend (the impact report's procurement series).
  const msmeBy = new Map<string, number>();
  for (const sec of o.sections) for (const x of sec.series) {
    if (x.measure === 'S3') for (const m of x.members ?? []) if (typeof m.value === 'number') msmeBy.set(m.member, m.value);
  }
  const members = table<OverviewMember>([
    { head: 'Member', cell: (m) => h('a', { href: href(['member', m.member]) }, m.name) },
    { head: 'Sector', cell: (m) => m.sector },
    { head: 'Addressable spend (S2)', cell: (m) => h('a', { href: href('payments', { measure: 'S2', member: m.member, fy: o.financial_year }) }, money(m.s2_pence ?? null)), num: true },
    { head: 'MSME spend (its part)', cell: (m) => { const v = msmeBy.get(m.member); return typeof v === 'number' ? h('a', { href: href('payments', { measure: 'S3', member: m.member, fy: o.financial_year }) }, money(v)) : '—'; }, num: true },
    { head: 'With MSMEs', cell: (m) => shareShown(m.msme_share, m.confidence), num: true },
    { head: 'Size known', cell: (m) => pct(m.coverage ?? null), num: true },
    { head: 'Return', cell: (m) => ukDates(m.return_status ?? '—') },
  ], o.members);
  const q = o.quality;
  page(`${o.network.name}: FY ${o.financial_year}`,
    filterForm(net, 'overview', f),
    figures,
    h('h2', null, filtered ? 'The network\'s headlines (not filtered)' : 'Headlines'),
    h('ul', { class: 'tiles' }, o.headlines.map(tile)),
    q ? h('p', { class: 'muted' }, `Data quality: supplier size known for ${pct(q.size_coverage)}`, confidenceMark(q.size_confidence), ` of addressable spend, VCSE status for ${pct(q.vcse_coverage)}`, confidenceMark(q.vcse_confidence), `, location for ${pct(q.location_coverage)}`, confidenceMark(q.location_confidence), '; ',
      h('a', { href: href('unmatched') }, `${count(q.unmatched_suppliers ?? 0)} suppliers are not classified`), `; ${count(q.rejected_rows ?? 0)} rejected rows.`) : null,
    trend,
    h('h2', null, 'Goals: progress against a straight line to the target'),
    tableWrap('Goals', goals),
    h('h2', null, `Members, FY ${o.financial_year}`),
    tableWrap('Members', members));
}

// ---- Payments behind a figure ----
const PAYMENT_KEYS = ['measure', 'breakdown', 'member', 'fy', 'fy_to', 'quarter', 'supplier', 'size', 'geography', 'category', 'sort', 'order'];

async function paymentsPage(params: URLSearchParams): Promise<void> {
  const query: Record<string, string> = {};
  for (const k of PAYMENT_KEYS) { const v = params.get(k); if (v) query[k] = v; }
  const offset = Number(params.get('offset') ?? '0') || 0;
  const net = await network();
  const p = await get<Payments>('payments', { ...query, offset, limit: 100 });
  const rows = table<Record<string, string | number>>([
    { head: 'Paid', cell: (r) => date(String(r.paid_on ?? '')) },
    { head: 'Member', cell: (r) => memberName(net, String(r.member)) },
    { head: 'Payee as published', cell: (r) => String(r.payee) },
    { head: 'Expense type', cell: (r) => String(r.expense_type ?? '') },
    { head: 'Amount', cell: (r) => moneyExact(Number(r.amount_pence)), num: true },
    { head: 'Source', cell: (r) => h('a', { href: href(['row', String(r.file_id), String(r.row)]) }, `${r.file_name}, row ${r.row}`) },
  ], p.rows);
  const what = `${query.measure ?? ''}${query.breakdown ? ` (${query.breakdown})` : ''}`;
  const scope = memberName(net, query.member ?? '');
  const nav: Child[] = [];
  if (offset > 0) nav.push(h('a', { href: href('payments', { ...query, offset: Math.max(0, offset - 100) }) }, 'Previous 100'), ' ');
  if (offset + p.rows.length < p.total.lines) nav.push(h('a', { href: href('payments', { ...query, offset: offset + 100 }) }, 'Next 100'));
  const period = query.fy ? `, FY ${query.fy}${query.fy_to ? ` to ${query.fy_to}` : ''}${query.quarter ? ` Q${query.quarter}` : ''}` : ', every year';
  page(`Payments behind ${what}: ${scope}${period}`,
    h('p', { class: 'figure', id: 'payments-total' }, `${moneyExact(p.total.pence)} in ${count(p.total.lines)} payment lines`),
    h('p', null, h('a', { href: apiUrl('payments', { ...query, format: 'csv' }), download: '' }, 'Download all of them as CSV')),
    h('p', { class: 'muted' }, `Lines ${count(p.rows.length ? offset + 1 : 0)} to ${count(offset + p.rows.length)}, largest first.`),
    tableWrap('Payment lines', rows), h('p', null, nav));
}

type StoredRow = FileRows['rows'][number];

async function rowPage(fileId: string, row: string): Promise<void> {
  const r = await get<FileRows>(
    `imports/${encodeURIComponent(fileId)}/rows`, { row, context: 2 });
  const rows = table<StoredRow>([
    { head: 'Row', cell: (x) => (x.is_requested ? h('strong', null, `${x.row} (this one)`) : String(x.row)), num: true },
    { head: 'Paid', cell: (x) => date(x.paid_on ?? '') },
    { head: 'Payee', cell: (x) => x.payee ?? '' },
    { head: 'Expense type', cell: (x) => x.expense_type ?? '' },
    { head: 'Reference', cell: (x) => x.reference ?? '' },
    { head: 'Amount', cell: (x) => moneyExact(x.amount_pence ?? null), num: true },
  ], r.rows);
  page(`${r.file.name ?? `File ${fileId}`}, row ${row}`,
    h('p', { class: 'muted' }, `How the file was read: ${r.file.layout ?? 'unknown'}`),
    tableWrap('The row in the member\'s file, with its neighbours', rows));
}

// ---- Unclassified suppliers: the queue and the settle form ----
type Unmatched = UnmatchedList['suppliers'][number];

const BY_KEY = 'anchornet.decided_by';

async function msmeHeadline(): Promise<string> {
  const o = await get<Overview>('overview');
  return o.headlines.find((x) => x.id === 'msme-spend')?.figure ?? '—';
}

async function unmatchedPage(): Promise<void> {
  const [q, before] = await Promise.all([
    get<UnmatchedList>('suppliers/unmatched', { limit: 50 }),
    msmeHeadline()]);
  const status = h('div', { role: 'status', id: 'settle-status', 'aria-live': 'polite' });
  const by = h('input', { id: 'settle-by', name: 'by', required: true, autocomplete: 'name', value: localStorage.getItem(BY_KEY) ?? '' });
  let coverage = q.size_coverage ?? null;
  let headline = before;
  const form = (s: Unmatched): HTMLElement => {
    const sizeId = nextId('size'); const vcseId = nextId('vcse');
    const size = h('select', { id: sizeId, name: 'size' },
      [['', 'not known'], ['micro', 'micro'], ['small', 'small'], ['medium', 'medium'], ['large', 'large']].map(([v, t]) => h('option', { value: v }, t)));
    const vcse = h('select', { id: vcseId, name: 'vcse' }, [['', 'not known'], ['yes', 'yes'], ['no', 'no']].map(([v, t]) => h('option', { value: v }, t)));
    const name = s.name ?? s.key.replace(/^name:/, '');
    return h('form', { class: 'inline', 'aria-label': `Settle ${name}`, onsubmit: async (ev: Event) => {
      ev.preventDefault();
      if (!by.value.trim()) { status.textContent = 'Say who decides: fill in "Your name" first.'; by.focus(); return; }
      if (!size.value && !vcse.value) { status.textContent = `Choose a size or a VCSE answer for ${name}.`; size.focus(); return; }
      localStorage.setItem(BY_KEY, by.value.trim());
      try {
        await postJson(`suppliers/${encodeURIComponent(s.key)}/settle`, { size: size.value || null, vcse: vcse.value || null, by: by.value.trim(), evidence: 'self-declared' });
        const [after, now] = await Promise.all([get<UnmatchedList>('suppliers/unmatched', { limit: 1 }), msmeHeadline()]);
        replace(status, h('p', null, h('strong', null, `Saved ${name}. `),
          `Size known for ${pct(coverage)} of addressable spend before, ${pct(after.size_coverage ?? null)} now; `,
          `the MSME headline was ${headline}, now ${now}.`));
        coverage = after.size_coverage ?? null; headline = now;
        (ev.target as HTMLElement).closest('tr')?.classList.add('settled');
      } catch (e) { replace(status, h('p', { class: 'error', role: 'alert' }, e instanceof Error ? e.message : String(e))); }
    } }, h('div', null, h('label', { for: sizeId }, 'Size'), size), h('div', null, h('label', { for: vcseId }, 'VCSE'), vcse),
      h('button', { type: 'submit' }, 'Save'));
  };
  page('Unclassified suppliers, largest spend first',
    h('p', null, `Size is known for ${pct(q.size_coverage ?? null)} of addressable spend; ${count(q.total ?? q.suppliers.length)} suppliers are not classified. `,
      'No register knows these suppliers. Settle one from what you know (the supplier\'s own declaration, a contract record): it is the same as ',
      h('code', null, 'anchornet suppliers set'), ', recorded with your name.'),
    h('div', { class: 'filter-box' }, h('label', { for: 'settle-by' }, 'Your name (recorded with each decision)'), by),
    status,
    tableWrap('Unclassified suppliers', table<Unmatched>([
      { head: 'Supplier', cell: (s) => h('a', { href: href(['supplier', s.key]) }, s.name ?? s.key.replace(/^name:/, '')) },
      { head: 'Addressable spend', cell: (s) => h('a', { href: href('payments', { measure: 'S2', supplier: s.key }) }, money(s.s2?.pence ?? null)), num: true },
      { head: 'Adds to coverage', cell: (s) => pct(s.share_of_s2 ?? null), num: true },
      { head: 'Members paying', cell: (s) => count(s.members?.length ?? 0), num: true },
      { head: 'Settle', cell: form },
    ], q.suppliers)));
}

// ---- Data: upload, the summary of what it did, rejects, imports, returns ----
function uploadSummary(s: ImportSummary, name: string, who: string): HTMLElement {
  if (s.already_imported) {
    return h('div', null, h('p', null, h('strong', null, `${name} was already imported for ${who}: nothing changed.`)));
  }
  const total = (s.total as { pence?: number } | undefined)?.pence;
  const rejected = Number(s.rows_rejected ?? 0);
  const first = (s.first_rejects ?? []) as Reject[];
  return h('div', null,
    h('p', null, h('strong', null, `Imported ${name} for ${who}: ${count(Number(s.lines_imported ?? 0))} payment lines`),
      typeof total === 'number' ? `, ${moneyExact(total)}` : '', '.'),
    facts([
      ['Paid', `${date(String(s.first_paid ?? ''))} to ${date(String(s.last_paid ?? ''))}`],
      ['Rows read', count(Number(s.rows_read ?? 0))],
      ['Rows rejected', count(rejected)],
      ['Duplicate lines skipped', count(Number(s.lines_duplicate ?? 0))],
      ['Other rows skipped (blank, totals)', count(Number(s.rows_skipped ?? 0))],
      ['Read as', String(s.read_as ?? '')],
      ['Notes', ((s.notes ?? []) as string[]).join('; ') || '—'],
    ]),
    first.length ? tableWrap('First rejected rows of this file', table<Reject>([
      { head: 'Line', cell: (r) => String(r.line), num: true },
      { head: 'Column', cell: (r) => String(r.column ?? ''), num: true },
      { head: 'Problem', cell: (r) => `${r.message} [${r.code}]` },
    ], first)) : null);
}

async function dataTables(net: Network): Promise<HTMLElement> {
  const [imports, rejects, returns] = await Promise.all([
    get<Imports>('imports'), get<Rejects>('rejects', { limit: 500 }),
    get<ReturnsStatus>('returns/status')]);
  const sent = returns.members.filter((m) => m.submitted).length;
  return h('div', null,
    h('h2', null, `Rejected rows (${count(rejects.rejects.length)})`),
    rejects.rejects.length ? tableWrap('Rejected rows', table<Reject>([
      { head: 'Member', cell: (r) => memberName(net, String(r.member ?? '')) },
      { head: 'File', cell: (r) => r.file_name },
      { head: 'Line', cell: (r) => String(r.line), num: true },
      { head: 'Column', cell: (r) => String(r.column ?? ''), num: true },
      { head: 'Problem', cell: (r) => `${r.message} [${r.code}]` },
    ], [...rejects.rejects].reverse())) : h('p', null, 'No rows have been rejected.'),
    h('h2', null, `Returns for FY ${returns.financial_year}: ${sent} of ${returns.members.length} members have sent theirs`),
    tableWrap('Returns status', table<ReturnsStatus['members'][number]>([
      { head: 'Member', cell: (m) => m.name },
      { head: 'Sent', cell: (m) => (m.submitted ? 'yes' : h('strong', null, 'not yet')) },
      { head: 'Latest file', cell: (m) => m.submissions?.slice(-1)[0]?.file ?? '—' },
      { head: 'Sent on', cell: (m) => date(String(m.submissions?.slice(-1)[0]?.submitted_at ?? '').slice(0, 10)) },
      { head: 'Resubmissions', cell: (m) => count(m.resubmissions ?? 0), num: true },
    ], returns.members)),
    h('h2', null, `Imported spend files (${count(imports.imports.length)})`),
    imports.imports.length > 100 ? h('p', { class: 'muted' }, 'The 100 most recent; ', h('code', null, 'anchornet imports'), ' lists them all.') : null,
    tableWrap('Imported files', table<ImportFile>([
      { head: 'Member', cell: (f) => memberName(net, f.member) },
      { head: 'File', cell: (f) => f.name },
      { head: 'Imported', cell: (f) => date(String(f.imported_at ?? '').slice(0, 10)) },
      { head: 'Lines', cell: (f) => count(Number(f.lines_imported ?? 0)), num: true },
      { head: 'Rejected', cell: (f) => count(Number(f.rows_rejected ?? 0)), num: true },
      { head: 'Paid', cell: (f) => `${date(f.first_paid)} to ${date(f.last_paid)}` },
    ], imports.imports.slice(-100).reverse())));
}

async function dataPage(): Promise<void> {
  const net = await network();
  const memberId = nextId('member');
  const member = h('select', { id: memberId }, net.members.map((m) => h('option', { value: m.id }, m.name)));
  const kindId = nextId('kind');
  const kind = h('select', { id: kindId },
    h('option', { value: 'spend' }, 'A spend file (payments over £250, £500 or £25,000)'),
    h('option', { value: 'returns' }, 'A members\' return (the template, XLSX or CSV)'));
  const result = h('div', { role: 'status', id: 'upload-result', 'aria-live': 'polite' });
  const tables = h('div', { id: 'data-tables' }, await dataTables(net));
  const fileId = nextId('file');
  const input = h('input', { id: fileId, type: 'file', accept: '.csv,.xlsx,.json,.txt' });
  const upload = async (file: File): Promise<void> => {
    result.textContent = `Importing ${file.name}…`;
    const who = memberName(net, member.value);
    try {
      if (kind.value === 'returns') {
        const r = await postFile<Record<string, unknown>>('imports/returns', file, { member: member.value, filename: file.name });
        const issues = (r.issues ?? []) as { line?: number; column?: number; message?: string }[];
        replace(result, h('p', null, h('strong', null, r.already_imported ? `${file.name} was already imported: nothing changed.`
          : `Imported the return ${file.name}: ${count(Number(r.errors ?? 0))} errors, ${count(Number(r.warnings ?? 0))} warnings.`)),
          issues.length ? h('ul', null, issues.slice(0, 20).map((i) => h('li', null, `line ${i.line ?? '?'}, column ${i.column ?? '?'}: ${i.message ?? ''}`))) : null);
      } else {
        const s = await postFile<ImportSummary>('imports/spend', file, { member: member.value, filename: file.name });
        replace(result, uploadSummary(s, file.name, who));
      }
      network(true);
      replace(tables, await dataTables(net));
    } catch (e) {
      replace(result, h('p', { class: 'error', role: 'alert' }, `${file.name} was not imported: `, e instanceof ApiError ? `${e.message} (${e.code})` : String(e)));
    }
    input.value = '';
  };
  input.addEventListener('change', () => { if (input.files?.[0]) void upload(input.files[0]); });
  const drop = h('div', { class: 'drop' }, h('label', { for: fileId }, 'Choose a file, or drop it here'), input);
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); const f = e.dataTransfer?.files[0]; if (f) void upload(f); });
  page('Data',
    h('h2', null, 'Upload this quarter\'s file'),
    h('p', { class: 'muted' }, 'The same importer as ', h('code', null, 'anchornet import'), ': bad rows are set aside with their line and column, the rest is imported; the same file twice changes nothing.'),
    h('form', { class: 'filters', onsubmit: (e: Event) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: memberId }, 'Member'), member),
      h('div', { class: 'field' }, h('label', { for: kindId }, 'What it is'), kind)),
    drop, result, tables);
}

// ---- Routing ----
async function render(): Promise<void> {
  const route = currentRoute();
  main.setAttribute('aria-busy', 'true');
  try {
    const net: Network = await network();
    replace(banner, net.synthetic
      ? h('p', { class: 'synthetic', role: 'note' }, 'Synthetic demo data — not real payments. Every member, supplier and figure here is made up.')
      : null);
    const [name, a, b] = route.path;
    if (name === 'payments') await paymentsPage(route.params);
    else if (name === 'row' && a && b) await rowPage(a, b);
    else if (name === 'unmatched') await unmatchedPage();
    else if (name === 'data') await dataPage();
    else if (name === 'member' && a) await memberPage(a, page);
    else if (name === 'suppliers') await suppliersPage(route.params, page);
    else if (name === 'supplier' && a) await supplierPage(a, page);
    else if (name === 'place') await placePage(route.params, page);
    else await overviewPage(route.params);
  } catch (e) {
    showError(e);
  } finally {
    main.removeAttribute('aria-busy');
  }
}

// The skip link moves focus to the page's content without changing the route.
document.querySelector('a.skip')?.addEventListener('click', (e) => { e.preventDefault(); main.focus(); });
window.addEventListener('hashchange', () => { void render().then(() => main.focus()); });
void render();
