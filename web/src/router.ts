// Hash routing: "#/payments?measure=S3&member=x" -> {path: ['payments'], params}. The server
// serves one index.html and never needs to know the routes.

import type { Params } from './api';

export interface Route {
  path: string[]; // decoded segments: ['supplier', 'name:ACME']
  params: URLSearchParams;
}

export function currentRoute(): Route {
  const raw = location.hash.replace(/^#\/?/, '');
  const [pathPart, query = ''] = raw.split('?', 2);
  const path = pathPart.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return { path: path.length ? path : ['overview'], params: new URLSearchParams(query) };
}

/** "#/a/b?x=1": segments are encoded, empty parameters left out. */
export function href(path: string | string[], params?: Params | URLSearchParams): string {
  const segs = (Array.isArray(path) ? path : [path]).map((p) => encodeURIComponent(p));
  const q = new URLSearchParams();
  if (params instanceof URLSearchParams) {
    params.forEach((v, k) => {
      if (v !== '') q.set(k, v);
    });
  } else {
    for (const [k, v] of Object.entries(params ?? {})) {
      if (v === null || v === undefined || v === '' || v === false) continue;
      q.set(k, String(v));
    }
  }
  const qs = q.toString();
  return `#/${segs.join('/')}${qs ? `?${qs}` : ''}`;
}

/** The route's parameters as a plain object (for API calls). */
export function paramsOf(route: Route, keys: string[]): Params {
  const out: Params = {};
  for (const k of keys) {
    const v = route.params.get(k);
    if (v) out[k] = v;
  }
  return out;
}

export function go(hash: string): void {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}
