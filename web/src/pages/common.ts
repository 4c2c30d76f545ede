// What every page shares: the <main> it renders into, the page heading, error display, focus
// after a re-render, and the measures' labels.
import { ApiError } from '../api';
import type { Measure, Network } from '../api';
import { h, replace } from '../dom';
import type { Child } from '../dom';

export const main = document.getElementById('main') as HTMLElement;

/** Replaces the page with a heading and content, and names the document after it. */
export function page(title: string, ...children: Child[]): void {
  document.title = `${title} — anchornet`;
  replace(main, h('h1', null, title), children);
}

export function errorText(e: unknown): string {
  return e instanceof ApiError ? `${e.message} (${e.code})` : e instanceof Error ? e.message : String(e);
}

export function showError(e: unknown): void {
  document.title = 'Something went wrong — anchornet';
  replace(main, h('h1', null, 'Something went wrong'), h('p', { class: 'error', role: 'alert' }, errorText(e)));
}

/** An inline error inside a page (the rest of the page still works). */
export function inlineError(e: unknown): HTMLElement {
  return h('p', { class: 'error', role: 'alert' }, errorText(e));
}

// After a re-render caused by a control (a filter select), focus goes back to that control
// instead of to <main>, so a keyboard user does not lose their place.
let pendingFocus: string | null = null;
export function focusAfterRender(id: string): void { pendingFocus = id; }
export function takePendingFocus(): string | null { const id = pendingFocus; pendingFocus = null; return id; }

export interface MeasureInfo { id: string; label: string; breakdown?: string; value: (m: Measure | undefined) => Measure | undefined }

const top = (m: Measure | undefined) => m;
const sub = (key: string) => (m: Measure | undefined) => (m ? (m[key] as Measure | undefined) : undefined);

/** The payment measures the dashboard shows, in order, with how to read each from a scope. */
export const MEASURES: MeasureInfo[] = [
  { id: 'T1', label: 'All payments', value: top },
  { id: 'S1', label: 'Third-party spend', value: top },
  { id: 'S2', label: 'Addressable spend', value: top },
  { id: 'S3', label: 'With micro, small and medium businesses (MSMEs)', value: top },
  { id: 'S3L', label: 'With local MSMEs', value: top },
  { id: 'S4', label: 'With diverse-owned businesses', value: top },
  { id: 'S6', label: 'With voluntary, community and social enterprises (VCSE)', value: top },
  { id: 'S7', label: 'With local suppliers', value: top },
  { id: 'S7b', label: 'With suppliers outside the area', value: top },
  { id: 'S8', label: 'With suppliers in the most deprived areas (IMD deciles 1–2)', breakdown: 'decile_12', value: sub('deciles_1_2') },
];

/** How much of the measure's basis is known: the attribute's own coverage where given. */
export function coverageOf(m: Measure | undefined): number | null {
  if (!m) return null;
  if (typeof m.basis_coverage === 'number') return m.basis_coverage;
  return typeof m.coverage === 'number' ? m.coverage : null;
}

export function sectorOf(net: Network, id: string): string {
  const m = net.members.find((x) => x.id === id);
  return m?.sector_label ?? m?.sector ?? '';
}
