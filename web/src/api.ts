// Typed fetch helpers for anchornet's JSON API (docs/api.md). Money is integer pence, shares
// fractions (null where there is no denominator), financial years "2024/25", dates ISO.
// Every failure becomes an ApiError with a code and a message a person can read.

import type { components, paths } from './generated/openapi';

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
// Shapes: generated from src/api/openapi.json (`npm run gen:api`, part of build and test), so a
// field the server does not send, or sends under another name, is a compile error here.

type Schemas = components['schemas'];
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
/** The JSON body of an operation's success answer (200, or 201 for a new import). */
type Ok<P extends keyof paths, M extends 'get' | 'post' = 'get'> =
  paths[P][M] extends { responses: infer R }
    ? R extends { 200: infer A } ? JsonOf<A> : R extends { 201: infer A } ? JsonOf<A> : never
    : never;

export type Health = Ok<'/api/v1/health'>;
export type Network = Ok<'/api/v1/network'>;
export type NetworkMember = Network['members'][number];
export type Overview = Ok<'/api/v1/overview'>;
export type Headline = Schemas['Headline'];
export type Series = Overview['sections'][number]['series'][number];
export type OverviewMember = Overview['members'][number];
export type Goal = Schemas['Goal'];
export type MeasuresReport = Ok<'/api/v1/measures'>;
export type Scope = Schemas['Scope'];
export type MeasureId = keyof Scope['measures'];
/** Any measure of a scope: what every measure has, and what a measure with a coverage adds. */
export type Measure = Scope['measures'][MeasureId];
export type Figure = Schemas['Figure'];
export type Confidence = Schemas['Confidence'];
export type MeasureCatalogue = Ok<'/api/v1/measures/catalogue'>;
export type CatalogueEntry = MeasureCatalogue['measures'][number];
export type MemberPage = Ok<'/api/v1/members/{id}'>;
export type Place = Ok<'/api/v1/place'>;
export type SupplierList = Ok<'/api/v1/suppliers'>;
export type UnmatchedList = Ok<'/api/v1/suppliers/unmatched'>;
export type SupplierSummary = Schemas['SupplierRow'];
export type SupplierDetail = Schemas['SupplierDetail'];
export type Fact = SupplierDetail['facts'][number];
export type Decision = SupplierDetail['decisions'][number];
export type Payments = NonNullable<Ok<'/api/v1/payments'>>;
export type Imports = Ok<'/api/v1/imports'>;
export type ImportFile = Schemas['ImportedFile'];
export type FileRows = Ok<'/api/v1/imports/{id}/rows'>;
export type Rejects = Ok<'/api/v1/rejects'>;
export type Reject = Schemas['Reject'];
export type ReturnsStatus = Ok<'/api/v1/returns/status'>;
export type ImportSummary = Schemas['ImportSummary'];
export type ReturnImportSummary = Schemas['ReturnImportSummary'];

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

let cataloguePromise: Promise<MeasureCatalogue> | null = null;

/** The measure catalogue (labels and definitions: metrics/catalogue.h), fetched once. */
export function catalogue(): Promise<MeasureCatalogue> {
  if (!cataloguePromise) {
    cataloguePromise = get<MeasureCatalogue>('measures/catalogue').catch((e) => {
      cataloguePromise = null;
      throw e;
    });
  }
  return cataloguePromise;
}

/** A measure's entry in the catalogue ("S3" -> its labels); undefined for an id it lacks. */
export function measureEntry(cat: MeasureCatalogue, id: string): CatalogueEntry | undefined {
  return cat.measures.find((m) => m.id === id);
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
