// The dashboard: hash-routed pages over the JSON API (docs/api.md). Every figure shown comes
// from the API as integer pence and is formatted here; every headline links to the payments
// behind it (#/payments), whose total is the figure.
import { ApiError, get, postFile, postJson, apiUrl, network, memberName } from './api';
import type { Overview, Network, Headline, Goal, OverviewMember, ImportFile, Reject, ImportSummary } from './api';
import { h, replace, table, tableWrap, facts, nextId } from './dom';
import type { Child } from './dom';
import { money, moneyExact, pct, date, count, status as statusText } from './format';
import { currentRoute, href } from './router';

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
interface PaymentsPage {
  total: { pence: number; lines: number };
  rows: Record<string, string | number>[];
  offset: number; limit: number;
}

function tile(hl: Headline): HTMLElement {
  const drill = hl.source === 'payments' && hl.measure
    ? h('a', { href: href('payments', { measure: hl.measure }) }, 'See the payments behind this figure')
    : null;
  return h('li', { class: 'tile', 'data-headline': hl.id },
    h('p', { class: 'figure' }, hl.figure),
    h('p', null, hl.text),
    h('p', { class: 'muted' }, hl.basis),
    drill);
}

function goalValue(g: Goal, which: 'achieved' | 'target' | 'expected'): string {
  const p = g[`${which}_pence`];
  if (typeof p === 'number') return money(p);
  const v = g[which];
  return typeof v === 'number' ? count(v) : '—';
}

async function overviewPage(): Promise<void> {
  const o = await get<Overview>('overview');
  const goals = table<Goal>([
    { head: 'Goal', cell: (g) => g.description },
    { head: 'Achieved', cell: (g) => goalValue(g, 'achieved'), num: true },
    { head: 'Expected by now', cell: (g) => goalValue(g, 'expected'), num: true },
    { head: 'Target', cell: (g) => goalValue(g, 'target'), num: true },
    { head: 'Status', cell: (g) => h('span', { class: `status-${g.status}` }, statusText(g.status)) },
    { head: 'Why', cell: (g) => g.status_reason ?? '' },
  ], o.goals);
  const members = table<OverviewMember>([
    { head: 'Member', cell: (m) => m.name },
    { head: 'Sector', cell: (m) => m.sector },
    { head: 'Addressable spend (S2)', cell: (m) => h('a', { href: href('payments', { measure: 'S2', member: m.member }) }, money(m.s2_pence ?? null)), num: true },
    { head: 'With MSMEs', cell: (m) => pct(m.msme_share ?? null), num: true },
    { head: 'Size known', cell: (m) => pct(m.coverage ?? null), num: true },
    { head: 'Return', cell: (m) => m.return_status ?? '—' },
  ], o.members);
  page(`${o.network.name}: financial year ${o.financial_year}`,
    h('h2', null, 'Headlines'),
    h('ul', { class: 'tiles' }, o.headlines.map(tile)),
    h('h2', null, 'Goals: progress against a straight line to the target'),
    tableWrap('Goals', goals),
    h('h2', null, 'Members'),
    tableWrap('Members', members));
}

// ---- Payments behind a figure ----
const PAYMENT_KEYS = ['measure', 'breakdown', 'member', 'fy', 'quarter', 'supplier', 'size', 'geography', 'category', 'sort', 'order'];

async function paymentsPage(params: URLSearchParams): Promise<void> {
  const query: Record<string, string> = {};
  for (const k of PAYMENT_KEYS) { const v = params.get(k); if (v) query[k] = v; }
  const offset = Number(params.get('offset') ?? '0') || 0;
  const net = await network();
  const p = await get<PaymentsPage>('payments', { ...query, offset, limit: 100 });
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
  page(`Payments behind ${what}: ${scope}${query.fy ? `, ${query.fy}` : ', every year'}`,
    h('p', { class: 'figure', id: 'payments-total' }, `${moneyExact(p.total.pence)} in ${count(p.total.lines)} payment lines`),
    h('p', null, h('a', { href: apiUrl('payments', { ...query, format: 'csv' }), download: '' }, 'Download all of them as CSV')),
    h('p', { class: 'muted' }, `Lines ${count(p.rows.length ? offset + 1 : 0)} to ${count(offset + p.rows.length)}, largest first.`),
    tableWrap('Payment lines', rows), h('p', null, nav));
}

interface StoredRow { row: number; paid_on?: string; payee?: string; amount_pence?: number; expense_type?: string; reference?: string; is_requested?: boolean }

async function rowPage(fileId: string, row: string): Promise<void> {
  const r = await get<{ file: { name?: string; member?: string; layout?: string }; rows: StoredRow[] }>(
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
interface Unmatched { key: string; name?: string; s2_pence?: number; s2?: { pence: number }; members?: string[] }

async function unmatchedPage(): Promise<void> {
  const q = await get<{ suppliers: Unmatched[]; scope_s2_pence?: number; size_coverage?: number }>('suppliers/unmatched', { limit: 50 });
  const status = h('p', { role: 'status', id: 'settle-status' });
  const form = (s: Unmatched): HTMLElement => {
    const sizeId = nextId('size'); const byId = nextId('by');
    const size = h('select', { id: sizeId, name: 'size' },
      ['', 'micro', 'small', 'medium', 'large'].map((v) => h('option', { value: v }, v || 'choose…')));
    const by = h('input', { id: byId, name: 'by', required: true, autocomplete: 'name' });
    return h('form', { class: 'inline', onsubmit: async (ev: Event) => {
      ev.preventDefault();
      try {
        const before = q.size_coverage ?? null;
        await postJson(`suppliers/${encodeURIComponent(s.key)}/settle`, { size: size.value, by: by.value });
        const after = await get<{ size_coverage?: number }>('suppliers/unmatched', { limit: 1 });
        status.textContent = `Saved. Size known for ${pct(before)} of addressable spend before, ${pct(after.size_coverage ?? null)} now.`;
      } catch (e) { status.textContent = e instanceof Error ? e.message : String(e); }
    } }, h('div', null, h('label', { for: sizeId }, 'Size'), size), h('div', null, h('label', { for: byId }, 'Decided by'), by),
      h('button', { type: 'submit' }, 'Save'));
  };
  page('Unclassified suppliers, largest spend first',
    h('p', null, `Size is known for ${pct(q.size_coverage ?? null)} of addressable spend. Settling a supplier here is the same as `, h('code', null, 'anchornet suppliers set'), '.'),
    status,
    tableWrap('Unclassified suppliers', table<Unmatched>([
      { head: 'Supplier', cell: (s) => s.name ?? s.key.replace(/^name:/, '') },
      { head: 'Addressable spend', cell: (s) => money(s.s2_pence ?? s.s2?.pence ?? null), num: true },
      { head: 'Members paying', cell: (s) => count(s.members?.length ?? 0), num: true },
      { head: 'Settle', cell: form },
    ], q.suppliers)));
}

// ---- Data: imports, rejects, upload ----
async function dataPage(): Promise<void> {
  const net = await network();
  const [imports, rejects] = await Promise.all([
    get<{ imports: ImportFile[] }>('imports'), get<{ rejects: Reject[] }>('rejects')]);
  const memberId = nextId('member');
  const member = h('select', { id: memberId }, net.members.map((m) => h('option', { value: m.id }, m.name)));
  const result = h('div', { role: 'status', id: 'upload-result' });
  const fileId = nextId('file');
  const input = h('input', { id: fileId, type: 'file', accept: '.csv,.xlsx,.txt' });
  const upload = async (file: File): Promise<void> => {
    result.textContent = `Importing ${file.name}…`;
    try {
      const s = await postFile<ImportSummary>('imports/spend', file, { member: member.value, filename: file.name });
      network(true);
      replace(result, h('p', null, s.already_imported ? `${file.name} was already imported: nothing changed.` : `Imported ${file.name}.`),
        facts(Object.entries(s).filter(([, v]) => typeof v !== 'object').map(([k, v]) => [k, String(v)])));
    } catch (e) { result.textContent = e instanceof Error ? e.message : String(e); }
  };
  input.addEventListener('change', () => { if (input.files?.[0]) void upload(input.files[0]); });
  const drop = h('div', { class: 'drop' }, h('label', { for: fileId }, 'Choose a spend file, or drop it here'), input);
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); const f = e.dataTransfer?.files[0]; if (f) void upload(f); });
  page('Data',
    h('h2', null, 'Upload this quarter\'s spend file'),
    h('div', null, h('label', { for: memberId }, 'Member'), member), drop, result,
    h('h2', null, `Rejected rows (${count(rejects.rejects.length)})`),
    tableWrap('Rejected rows', table<Reject>([
      { head: 'File', cell: (r) => String(r.file_name ?? r.file ?? '') },
      { head: 'Line', cell: (r) => String(r.line), num: true },
      { head: 'Column', cell: (r) => String(r.column ?? ''), num: true },
      { head: 'Problem', cell: (r) => `${r.message} [${r.code}]` },
    ], rejects.rejects.slice(0, 200))),
    h('h2', null, `Imported files (${count(imports.imports.length)})`),
    tableWrap('Imported files', table<ImportFile>([
      { head: 'Member', cell: (f) => memberName(net, f.member) },
      { head: 'File', cell: (f) => String(f.name ?? f.file ?? '') },
      { head: 'Imported', cell: (f) => date(String(f.imported_at ?? '').slice(0, 10)) },
      { head: 'Lines', cell: (f) => count(Number(f.lines_imported ?? 0)), num: true },
      { head: 'Paid', cell: (f) => `${date(f.first_paid)} to ${date(f.last_paid)}` },
    ], imports.imports.slice(-300).reverse())));
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
    else await overviewPage();
  } catch (e) {
    showError(e);
  } finally {
    main.removeAttribute('aria-busy');
  }
}

window.addEventListener('hashchange', () => { void render().then(() => main.focus()); });
void render();
