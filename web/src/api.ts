// Typed fetch helpers for anchornet's JSON API (docs/api.md). Money is integer pence, shares
// fractions (null where there is no denominator), financial years "2024/25", dates ISO.
// Every failure becomes an ApiError with a code and a message a person can read.

export class ApiError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly status: number,
    public readonly where?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Params = Record<string, string | number | boolean | null | undefined>;

const BASE = 'api/v1';

/** The URL of an API path with its query (empty values are left out). Relative to the page. */
export function apiUrl(path: string, params?: Params): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === null || v === undefined || v === '' || v === false) continue;
    q.set(k, String(v));
  }
  const qs = q.toString();
  return `${BASE}/${path.replace(/^\/+/, '')}${qs ? `?${qs}` : ''}`;
}

async function parse<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string; where?: Record<string, unknown> } } | null)?.error;
    if (err && (err.code || err.message)) {
      throw new ApiError(err.code ?? 'error', err.message ?? `${what} failed`, res.status, err.where);
    }
    throw new ApiError(res.status === 404 ? 'not_found' : 'http_error',
      `${what} failed: the server answered ${res.status} ${res.statusText}`.trim(), res.status);
  }
  if (body === null) {
    throw new ApiError('bad_response', `${what}: the server's answer was not JSON`, res.status);
  }
  return body as T;
}

async function send<T>(method: string, path: string, params?: Params, body?: BodyInit, headers?: HeadersInit): Promise<T> {
  const url = apiUrl(path, params);
  let res: Response;
  try {
    res = await fetch(url, { method, body, headers: { Accept: 'application/json', ...headers } });
  } catch (e) {
    throw new ApiError('unreachable',
      'The dashboard could not reach the anchornet server. Check that `anchornet serve` is still running, then reload the page.',
      0);
  }
  return parse<T>(res, `${method} /${url.split('?')[0]}`);
}

export function get<T>(path: string, params?: Params): Promise<T> {
  return send<T>('GET', path, params);
}

export function postJson<T>(path: string, body: unknown, params?: Params): Promise<T> {
  return send<T>('POST', path, params, JSON.stringify(body), { 'Content-Type': 'application/json' });
}

export function postFile<T>(path: string, file: Blob, params?: Params): Promise<T> {
  return send<T>('POST', path, params, file, { 'Content-Type': 'application/octet-stream' });
}

// ---------------------------------------------------------------------------------------------
// Shapes. Optional fields are ones the dashboard copes without.

export interface Amount { lines: number; pence: number; share_of_s2?: number | null }

export interface NetworkMember {
  id: string;
  name: string;
  sector?: string;
  sector_label?: string;
  area?: string;
  [k: string]: unknown;
}

export interface Network {
  name: string;
  synthetic: boolean;
  geography?: string | { name?: string; codes?: string[]; [k: string]: unknown };
  geography_codes?: string[];
  financial_years?: string[];
  financial_year_start?: string;
  members: NetworkMember[];
  [k: string]: unknown;
}

export interface Health { status: string; schema_version?: number; data_version?: number; synthetic?: boolean }

export interface Measure extends Partial<Amount> {
  coverage?: number | null;
  basis_coverage?: number | null;
  definition_version?: number;
  [k: string]: unknown;
}

export interface BridgeStep { rule: string; stage: string; reason: string; lines: number; pence: number }

export interface Scope {
  member: string;
  member_name: string;
  financial_year: string;
  quarter: number;
  measures: Record<string, Measure>;
  bridge?: BridgeStep[];
}

export interface GoalRow {
  financial_year: string;
  member: string;
  member_name: string;
  numerator_pence?: number;
  denominator_pence?: number;
  numerator?: number;
  denominator?: number;
  share?: number | null;
  status?: string;
  members_reporting?: number;
}

export interface Goal {
  id: string;
  description: string;
  measure: string;
  kind: string; // cumulative, share, absolute
  member: string;
  from: string;
  to: string;
  unit: string; // pounds, count, tCO2e
  source: string; // payments, returns
  status: string; // achieved, on-track, at-risk, off-track, not-started, ...
  status_reason?: string;
  basis?: string;
  as_at?: string;
  coverage?: number | null;
  expected_fraction?: number;
  achieved_pence?: number; expected_pence?: number; target_pence?: number;
  achieved?: number; expected?: number; target?: number; baseline?: number;
  achieved_kg?: number; expected_kg?: number; target_kg?: number;
  share?: number | null; target_share?: number;
  rows?: GoalRow[];
  [k: string]: unknown;
}

export interface SupplierSummary {
  key: string;
  name: string;
  size: string;
  vcse: string;
  local: string;
  local_authority?: string;
  postcode?: string;
  imd_decile?: number | null;
  company_number?: string;
  charity_number?: string;
  public_body?: string | null;
  members?: string[];
  aliases?: string[];
  s2?: { lines: number; pence: number };
  t1?: { lines: number; pence: number };
  share_of_s2?: number | null;
  rank?: number;
  diverse?: Record<string, string> | string[];
  match?: { method?: string; confidence?: number; register?: string | null; ambiguous?: boolean };
  match_method?: string;
  match_confidence?: number;
  coverage_gain?: number | null;
  [k: string]: unknown;
}

export interface MeasuresReport {
  network: { name: string; synthetic: boolean; geography?: string };
  financial_years: string[];
  query?: Record<string, unknown>;
  data?: { data_version?: number; first_paid?: string; last_paid?: string; resolved_now?: boolean };
  definitions_version?: number;
  scopes: Scope[];
  goals: Goal[];
  rules?: { id: string; stage: string; reason: string; [k: string]: unknown }[];
  top_suppliers?: SupplierSummary[];
  filters?: Record<string, unknown>;
}

export interface TraceItem { kind: string; member?: string; text: string; id?: number }

export interface Headline {
  id: string;
  pillar?: string;
  measure?: string;
  source?: string;
  value?: number | null;
  unit?: string;
  figure: string;
  text: string;
  basis: string;
  coverage?: number | null;
  goal_id?: string;
  financial_year?: string;
  from?: string;
  to?: string;
  drill?: Record<string, string> | string;
  trace?: TraceItem[];
  [k: string]: unknown;
}

export interface SeriesPoint { financial_year: string | number; quarter: number; value: number | null; reporting?: number }

export interface Series {
  measure: string;
  label: string;
  unit: string;
  source: string;
  trend: SeriesPoint[];
  members?: { member: string; member_name: string; value: number | null }[];
  network?: number | null;
  share?: number | null;
  coverage?: number | null;
  definition?: string;
}

export interface Section {
  pillar: string;
  title: string;
  headline_ids?: string[];
  goal_ids?: string[];
  series: Series[];
}

export interface OverviewMember {
  member: string;
  name: string;
  sector: string;
  s2?: number; s2_pence?: number;
  msme_share?: number | null;
  coverage?: number | null;
  w1?: number | null; w2s?: number | null; e1?: number | null; e2?: number | null;
  return_status?: string;
  flags?: number;
}

export interface Overview {
  network: { name: string; synthetic: boolean; [k: string]: unknown };
  financial_year: string;
  synthetic?: boolean;
  generated_at?: string;
  headlines: Headline[];
  sections: Section[];
  goals: Goal[];
  members: OverviewMember[];
  quality?: {
    missing_returns?: string[];
    missing_payments?: string[];
    size_coverage?: number | null;
    vcse_coverage?: number | null;
    location_coverage?: number | null;
    unmatched_suppliers?: number;
    unmatched_spend?: number; unmatched_spend_pence?: number;
    rejected_rows?: number;
    notes?: string[];
    flagged?: unknown[];
    levy_warnings?: unknown[];
  };
  financial_years?: string[];
  [k: string]: unknown;
}

export interface SupplierList { suppliers: SupplierSummary[]; total?: number; offset?: number; limit?: number; [k: string]: unknown }

export interface Fact {
  field: string;
  value: string;
  source: string;
  source_detail?: string;
  detail?: string;
  as_of?: string;
  chosen?: boolean;
  conflicts?: boolean;
}

export interface Decision {
  field?: string;
  value?: string;
  by?: string;
  note?: string;
  at?: string;
  decided_at?: string;
  [k: string]: unknown;
}

export interface SupplierDetail extends SupplierSummary {
  facts: Fact[];
  decisions: Decision[];
  ward?: string;
  lsoa?: string;
  vat_number?: string;
  personal?: boolean;
}

export interface PaymentLine {
  id?: number;
  date?: string; paid?: string; paid_on?: string;
  member: string;
  member_name?: string;
  payee: string;
  supplier_key?: string; supplier?: string; supplier_name?: string;
  amount_pence?: number; pence?: number;
  expense_type?: string;
  description?: string;
  file_id?: number; import_id?: number;
  file?: string; filename?: string;
  row?: number; source_row?: number; line?: number;
  [k: string]: unknown;
}

export interface Payments {
  total_pence?: number;
  total?: number | { pence: number; lines: number };
  lines_total?: number;
  count?: number;
  offset?: number;
  limit?: number;
  lines?: PaymentLine[];
  payments?: PaymentLine[];
  rows?: PaymentLine[];
  label?: string;
  description?: string;
  [k: string]: unknown;
}

export interface ImportFile {
  id: number;
  member: string;
  file?: string; filename?: string; name?: string;
  imported_at?: string;
  lines?: number; imported?: number;
  duplicates?: number;
  rejected?: number; rejects?: number;
  total_pence?: number;
  first_paid?: string; last_paid?: string;
  layout?: string;
  [k: string]: unknown;
}

export interface Reject {
  file_id?: number; import_id?: number;
  file?: string; filename?: string;
  member?: string;
  line: number;
  column?: number | string;
  code: string;
  message: string;
  [k: string]: unknown;
}

export interface SourceLine { row?: number; line?: number; number?: number; text?: string; raw?: string; cells?: string[]; fields?: string[]; [k: string]: unknown }

export interface FileRows {
  file?: string; filename?: string;
  member?: string;
  id?: number;
  row?: number;
  header?: string[] | string;
  lines?: SourceLine[];
  rows?: SourceLine[];
  [k: string]: unknown;
}

export interface ReturnsStatus {
  financial_year: string;
  members: {
    member: string;
    name: string;
    submitted: boolean;
    resubmissions?: number;
    submissions?: { id: number; file: string; quarter: number; submitted_at: string; errors: number; warnings: number; supersedes?: number }[];
    changes?: { measure: string; quarter: number; before: number; after: number }[];
  }[];
  [k: string]: unknown;
}

export interface ImportSummary {
  already_imported?: boolean;
  file?: string; filename?: string;
  member?: string;
  id?: number; file_id?: number; import_id?: number;
  lines?: number; imported?: number; lines_imported?: number;
  duplicates?: number;
  rejected?: number; rejects_total?: number;
  rejects_by_code?: Record<string, number> | { code: string; count: number }[];
  rejects?: Reject[];
  first_rejects?: Reject[];
  layout?: unknown;
  total_pence?: number;
  [k: string]: unknown;
}

export interface PlaceArea {
  code: string;
  name?: string;
  inside?: boolean;
  pence?: number; s2_pence?: number;
  lines?: number;
  suppliers?: number;
  share?: number | null; share_of_s2?: number | null;
  imd?: unknown;
  [k: string]: unknown;
}

export interface Place {
  financial_year?: string;
  member?: string;
  geography?: unknown;
  areas?: PlaceArea[];
  authorities?: PlaceArea[];
  boroughs?: PlaceArea[];
  imd_deciles?: { decile: number; pence: number; lines?: number; share?: number | null; share_of_s2?: number | null }[];
  deciles?: { decile: number; pence: number; lines?: number; share?: number | null; share_of_s2?: number | null }[];
  unknown?: { pence: number; lines?: number };
  total_pence?: number;
  [k: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// Cached network (name, synthetic flag, members, years): fetched once per page load, refreshed
// after an upload.

let networkPromise: Promise<Network> | null = null;

export function network(refresh = false): Promise<Network> {
  if (!networkPromise || refresh) {
    networkPromise = get<Network>('network').catch((e) => {
      networkPromise = null;
      throw e;
    });
  }
  return networkPromise;
}

/** The member's display name, or its id when it is not in the network. */
export function memberName(net: Network | null | undefined, id: string): string {
  if (!id) return 'Whole network';
  return net?.members.find((m) => m.id === id)?.name ?? id;
}

/** Financial years with data, newest last. */
export function years(net: Network | null | undefined): string[] {
  return [...(net?.financial_years ?? [])].sort();
}
