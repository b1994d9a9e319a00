/** Needs derived from deprivations through the support catalog (reference/support-catalog.json). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSupportCatalog } from '../../src/db/reference/index.js';
import { deriveNeeds, uncoveredNeeds } from '../../src/domain/program/index.js';
import { INDICATOR_CODES } from '../../src/domain/poverty/index.js';

const catalog = parseSupportCatalog(readFileSync('reference/support-catalog.json', 'utf8'), 'support-catalog.json');

/**
 * The supports the catalog gives each indicator. `dependants` and `waste` have none: a household
 * lacking only those has needs the commune must meet outside the catalog (shown as open needs).
 */
const expected: Record<string, string[]> = {
  employment: ['preferential_credit', 'vocational_training', 'job_placement', 'livelihood_model'],
  dependants: [],
  nutrition: ['nutrition'],
  health_insurance: ['health_insurance_card'],
  adult_education: ['tuition_exemption', 'vocational_training'],
  school_attendance: ['tuition_exemption'],
  housing_quality: ['preferential_credit', 'housing'],
  housing_area: ['housing'],
  water_source: ['preferential_credit', 'clean_water'],
  latrine: ['preferential_credit', 'latrine'],
  telecom: ['information_access'],
  information_access: ['information_access'],
  waste: [],
};

describe('deriveNeeds', () => {
  it.each(INDICATOR_CODES.map((code) => [code]))('derives the supports for %s from the catalog', (indicator) => {
    const [need] = deriveNeeds([indicator], catalog);
    expect(need).toEqual({ indicator, supportCodes: expected[indicator] });
  });

  it('covers every indicator the engine knows', () => {
    expect(Object.keys(expected).sort()).toEqual([...INDICATOR_CODES].sort());
  });

  it('names the expected supports for the indicators the plan singles out', () => {
    const needs = deriveNeeds(['health_insurance', 'latrine', 'housing_quality', 'water_source'], catalog);
    expect(needs.map((n) => n.indicator)).toEqual(['health_insurance', 'latrine', 'housing_quality', 'water_source']);
    expect(needs[0]!.supportCodes).toContain('health_insurance_card');
    expect(needs[1]!.supportCodes).toContain('latrine');
    expect(needs[2]!.supportCodes).toContain('housing');
    expect(needs[3]!.supportCodes).toContain('clean_water');
  });

  it('keeps the order given and drops duplicates; no deprivations, no needs', () => {
    expect(deriveNeeds(['telecom', 'employment', 'telecom'], catalog).map((n) => n.indicator)).toEqual(['telecom', 'employment']);
    expect(deriveNeeds([], catalog)).toEqual([]);
  });

  it('lists the needs the planned supports leave open', () => {
    const needs = deriveNeeds(['latrine', 'health_insurance'], catalog);
    expect(uncoveredNeeds(needs, ['latrine'])).toEqual(['health_insurance']);
    expect(uncoveredNeeds(needs, ['latrine', 'health_insurance_card'])).toEqual([]);
  });
});
