// Unit tests of src/format.ts (compiled to .test-build/ by `npm test`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as f from '../.test-build/format.js';

// The C++ rule's own outputs (src/core/money_test.cpp checks the same file against the C++).
const moneyVectors = JSON.parse(
  readFileSync(new URL('./money_vectors.json', import.meta.url), 'utf8')).vectors;

test('money follows core::FormatPoundsShort and core::FormatPounds', () => {
  assert.ok(moneyVectors.length >= 40);
  for (const v of moneyVectors) {
    assert.equal(f.money(v.pence), v.short, `short ${v.pence}`);
    assert.equal(f.moneyExact(v.pence), v.exact, `exact ${v.pence}`);
  }
});

test('compact money: unknown is not zero', () => {
  assert.equal(f.money(null), '—');
  assert.equal(f.money(undefined), '—');
  assert.equal(f.money(Number.NaN), '—');
});

test('exact money from pence', () => {
  assert.equal(f.moneyExact(123_456), '£1,234.56');
  assert.equal(f.moneyExact(5), '£0.05');
  assert.equal(f.moneyExact(-500_000), '-£5,000.00');
  assert.equal(f.moneyExact(100_000_000_000), '£1,000,000,000.00');
  assert.equal(f.moneyExact(undefined), '—');
});

test('dates', () => {
  assert.equal(f.date('2025-03-31'), '31 Mar 2025');
  assert.equal(f.date('2024-04-01T10:00:00Z'), '1 Apr 2024');
  assert.equal(f.dateTime('2026-12-02T18:48:31Z'), '2 Dec 2026, 18:48');
  assert.equal(f.date('not a date'), 'not a date');
  assert.equal(f.date(''), '—');
});

test('ISO dates inside text are written the UK way, other digits left alone', () => {
  assert.equal(f.ukDates('submitted 2026-12-03, superseded 2027-01-15'),
    'submitted 3 Dec 2026, superseded 15 Jan 2027');
  assert.equal(f.ukDates('ref 20261203 and 12-2026'), 'ref 20261203 and 12-2026');
});

test('financial years and quarters', () => {
  assert.equal(f.fy('2024/25'), 'FY 2024/25');
  assert.equal(f.fy(2024), 'FY 2024/25');
  assert.equal(f.fy(1999), 'FY 1999/00');
  assert.equal(f.fyLabel('2024'), '2024/25');
  assert.equal(f.fyStart('FY 2023/24'), 2023);
  assert.equal(f.quarter('2024/25', 1), 'Q1 2024/25');
  assert.equal(f.quarter(2024, 0), 'FY 2024/25');
  assert.equal(f.quarterMonths(1), 'Apr–Jun');
  assert.equal(f.quarterMonths(4), 'Jan–Mar');
});

test('percentages and counts', () => {
  assert.equal(f.pct(0.4213), '42.1%');
  assert.equal(f.pct(1), '100.0%');
  assert.equal(f.pct(null), '—');
  assert.equal(f.points(0.0134), '+1.3 points');
  assert.equal(f.points(0), 'no change');
  assert.equal(f.count(1234567), '1,234,567');
  assert.equal(f.tonnes(66_811_448), '66,811 tCO2e');
  assert.equal(f.status('off-track'), 'Off track');
  assert.equal(f.plural(1, 'line'), '1 line');
  assert.equal(f.plural(2, 'line'), '2 lines');
});
