/**
 * The poverty standard engine on a synthetic province of 400,000 households (~1.6 million
 * members), each figure beside a baseline from the same run:
 * - classification throughput, against a minimal hand-written loop over the same parsed records;
 * - the summary of every household, against a plain tally loop over pre-classified statuses;
 * - `gnbv classify` on a 400,000-line JSON Lines file (wall time and peak RSS), against a Node
 *   process that only reads the file line by line and parses each line.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assessHousehold, parseStandardsFile, summarize, type HouseholdStatus } from '../src/domain/poverty/index.js';
import type { RecordFigure } from './harness.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const HOUSEHOLDS = 400_000;

/** Mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SyntheticMember {
  birthDate: string;
  sex: 'male' | 'female';
  employment: string;
  healthInsurance: boolean;
  attendingSchool: boolean;
  educationLevel: string;
  socialAllowance?: boolean;
  stunted?: boolean;
  underweight?: boolean;
}

interface SyntheticHousehold {
  id: string;
  year: number;
  area: 'rural' | 'urban';
  farmHousehold: boolean;
  incomePerCapita?: number;
  scoreA?: number;
  deprivations?: string[];
  facts?: {
    surveyDate: string;
    members: SyntheticMember[];
    floorAreaM2: number;
    durableWalls: boolean;
    durableFrame: boolean;
    durableRoof: boolean;
    waterSource: string;
    latrine: string;
    internetUse: boolean;
    informationDevices: boolean;
    wasteCollected: boolean;
  };
  unitCode: string;
  ethnicMinority: boolean;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * Synthetic assessment records of review year 2025 (VN-MPS-2022): 90% with facts, 10% with a
 * list of deprivations; 10% scored with điểm A; 1–7 members (mean ≈ 4).
 */
export function generateHouseholds(count: number, seed = 20250901): SyntheticHousehold[] {
  const r = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
  const employment = ['contract', 'informal_wage', 'self_employed', 'self_employed', 'unemployed', 'not_in_labour_force'];
  const education = ['none', 'primary', 'lower_secondary', 'upper_secondary', 'vocational', 'college_or_higher'];
  const water = ['piped', 'borehole', 'protected_well', 'unprotected_well', 'surface', 'rainwater'];
  const latrine = ['septic', 'semi_septic', 'pour_flush', 'unimproved_pit', 'none'];
  const codes = ['employment', 'dependants', 'nutrition', 'health_insurance', 'adult_education', 'school_attendance',
    'housing_quality', 'housing_area', 'water_source', 'latrine', 'telecom', 'information_access'];
  const units = Array.from({ length: 135 }, (_, i) => `52${pad(i * 7 + 1, 3)}`);
  const out: SyntheticHousehold[] = new Array<SyntheticHousehold>(count);
  for (let i = 0; i < count; i++) {
    const area = r() < 0.8 ? 'rural' : 'urban';
    const h: SyntheticHousehold = {
      id: `HH-${pad(i + 1, 7)}`,
      year: 2025,
      area,
      farmHousehold: r() < 0.6,
      unitCode: pick(units),
      ethnicMinority: r() < 0.45,
    };
    if (r() < 0.1) h.scoreA = Math.floor(80 + r() * 160);
    else h.incomePerCapita = Math.round((600_000 + r() * r() * 5_000_000) / 1000) * 1000;
    if (r() < 0.1) {
      h.deprivations = codes.filter(() => r() < 0.2);
    } else {
      const size = 1 + Math.floor(r() * 4) + Math.floor(r() * 4);
      const members: SyntheticMember[] = [];
      for (let m = 0; m < size; m++) {
        const age = Math.floor(r() * 85);
        const member: SyntheticMember = {
          birthDate: `${2025 - age - 1}-${pad(1 + Math.floor(r() * 12), 2)}-${pad(1 + Math.floor(r() * 28), 2)}`,
          sex: r() < 0.5 ? 'male' : 'female',
          employment: age < 15 ? 'not_in_labour_force' : pick(employment),
          healthInsurance: r() < 0.9,
          attendingSchool: age >= 3 && age <= 22 ? r() < 0.85 : false,
          educationLevel: age < 10 ? 'none' : pick(education),
        };
        if (r() < 0.1) member.socialAllowance = true;
        if (age < 16 && r() < 0.1) member.stunted = true;
        members.push(member);
      }
      h.facts = {
        surveyDate: '2025-10-01',
        members,
        floorAreaM2: Math.round(10 + r() * 90),
        durableWalls: r() < 0.8,
        durableFrame: r() < 0.85,
        durableRoof: r() < 0.75,
        waterSource: pick(water),
        latrine: pick(latrine),
        internetUse: r() < 0.8,
        informationDevices: r() < 0.9,
        wasteCollected: r() < 0.6,
      };
    }
    out[i] = h;
  }
  return out;
}

const CLEAN_WATER = new Set(['piped', 'borehole', 'protected_well', 'protected_spring', 'rainwater', 'bottled']);
const HYGIENIC = new Set(['septic', 'semi_septic', 'pour_flush', 'double_vault', 'ventilated_pit']);

function ageYears(birth: string, survey: string): number {
  const years = Number(survey.slice(0, 4)) - Number(birth.slice(0, 4));
  return survey.slice(5) < birth.slice(5) ? years - 1 : years;
}

/**
 * Baseline: the same rules hard-coded for VN-MPS-2022 in one loop, without validation,
 * error messages, data-driven thresholds or the retirement roadmap.
 */
function minimalStatus(h: SyntheticHousehold): HouseholdStatus {
  let d = 0;
  if (h.deprivations) d = h.deprivations.length;
  else if (h.facts) {
    const f = h.facts;
    let employment = false, dependants = 0, nutrition = false, insurance = false, education = false, school = false;
    for (const m of f.members) {
      const age = ageYears(m.birthDate, f.surveyDate);
      if (age >= 15 && age < (m.sex === 'male' ? 61 : 56) && (m.employment === 'unemployed' || m.employment === 'informal_wage')) employment = true;
      if (age < 16 || m.socialAllowance) dependants++;
      if (age < 16 && (m.stunted || m.underweight)) nutrition = true;
      if (age >= 6 && !m.healthInsurance) insurance = true;
      if (!m.attendingSchool && age >= 16 && age <= 17 && (m.educationLevel === 'none' || m.educationLevel === 'primary')) education = true;
      if (!m.attendingSchool && age >= 18 && age <= 30 && (m.educationLevel === 'none' || m.educationLevel === 'primary' || m.educationLevel === 'lower_secondary')) education = true;
      if (age >= 3 && age <= 15 && !m.attendingSchool) school = true;
    }
    d = +employment + +(dependants * 2 > f.members.length) + +nutrition + +insurance + +education + +school +
      +(+!f.durableWalls + +!f.durableFrame + +!f.durableRoof >= 2) + +(f.floorAreaM2 < 8 * f.members.length) +
      +!CLEAN_WATER.has(f.waterSource) + +!HYGIENIC.has(f.latrine) + +!f.internetUse + +!f.informationDevices;
  }
  const rural = h.area === 'rural';
  if (h.scoreA !== undefined) return h.scoreA <= (rural ? 140 : 175) ? (d >= 3 ? 'poor' : 'near_poor') : 'not_poor';
  const income = h.incomePerCapita ?? 0;
  if (income <= (rural ? 1_500_000 : 2_000_000)) return d >= 3 ? 'poor' : 'near_poor';
  if (h.farmHousehold && income <= (rural ? 2_250_000 : 3_000_000)) return 'average';
  return 'not_poor';
}

async function writeJsonLines(file: string, households: readonly SyntheticHousehold[]): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < households.length; i += 5000) {
    const text = households.slice(i, i + 5000).map((h) => JSON.stringify(h)).join('\n') + '\n';
    if (!out.write(text)) await once(out, 'drain');
  }
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
}

interface ChildRun {
  seconds: number;
  peakRssMb: number;
  exitCode: number | null;
}

/** Runs node with `args`; the child reports its own peak RSS on stderr as `maxrss=<kB>`. */
function runNode(args: readonly string[]): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const seconds = (performance.now() - started) / 1000;
      const rss = /maxrss=(\d+)/.exec(stderr);
      if (!rss) return reject(new Error(`no maxrss from child (exit ${exitCode}): ${stderr.slice(0, 500)}`));
      resolve({ seconds, peakRssMb: Number(rss[1]) / 1024, exitCode });
    });
  });
}

const REPORT_RSS = "process.on('exit', () => process.stderr.write('maxrss=' + process.resourceUsage().maxRSS + '\\n'));";

/** `gnbv classify FILE` through the engine's own command registration, in one Node process. */
function classifyCommand(file: string): string[] {
  const commands = pathToImport('src/cli/commands/engine.commands.ts');
  const code = `${REPORT_RSS}
import { Command } from 'commander';
const { registerEngineCommands } = await import(${JSON.stringify(commands)});
const program = new Command('gnbv');
registerEngineCommands(program);
await program.parseAsync(process.argv.slice(1), { from: 'user' });`;
  return ['--import', 'tsx', '--input-type=module', '-e', code, 'classify', file];
}

/** Baseline: read the same file line by line and JSON.parse each line, nothing else. */
function readLinesCommand(file: string): string[] {
  const code = `${REPORT_RSS}
const { createReadStream } = require('node:fs');
let rest = '', lines = 0;
const s = createReadStream(${JSON.stringify(file)}, { encoding: 'utf8', highWaterMark: 1 << 20 });
s.on('data', (chunk) => {
  const text = rest + chunk; let start = 0;
  for (let nl = text.indexOf('\\n'); nl >= 0; nl = text.indexOf('\\n', start)) { JSON.parse(text.slice(start, nl)); lines++; start = nl + 1; }
  rest = text.slice(start);
});
s.on('end', () => { if (rest) { JSON.parse(rest); lines++; } });`;
  return ['-e', code];
}

function pathToImport(relative: string): string {
  return new URL(relative, new URL('../', import.meta.url)).href;
}

/** Best of `runs` wall times in ms: the run least disturbed by other processes and GC. */
function timeIt(work: () => void, runs = 3): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

export async function benchClassification(record: RecordFigure): Promise<void> {
  const standards = parseStandardsFile(JSON.parse(await readFile(path.join(root, 'reference/standards.json'), 'utf8')));
  const dir = await mkdtemp(path.join(tmpdir(), 'gnbv-bench-classify-'));
  try {
    const households = generateHouseholds(HOUSEHOLDS);
    const file = path.join(dir, 'households.jsonl');
    await writeJsonLines(file, households);
    // Pre-parsed records: exactly what JSON.parse gives for each line.
    const records: unknown[] = households.map((h) => JSON.parse(JSON.stringify(h)) as unknown);
    const members = households.reduce((n, h) => n + (h.facts?.members.length ?? 0), 0);
    console.log(`${HOUSEHOLDS.toLocaleString('en-US')} households, ${members.toLocaleString('en-US')} members in facts`);

    // Warm both loops up so neither pays for compilation in the measured run.
    for (let i = 0; i < 20_000; i++) {
      assessHousehold(records[i], standards);
      minimalStatus(records[i] as SyntheticHousehold);
    }
    let enginePoor = 0;
    const engineMs = timeIt(() => {
      enginePoor = 0;
      for (let i = 0; i < records.length; i++) {
        const a = assessHousehold(records[i], standards);
        if (a.ok && a.result.status === 'poor') enginePoor++;
      }
    });
    let minimalPoor = 0;
    const baselineMs = timeIt(() => {
      minimalPoor = 0;
      for (let i = 0; i < records.length; i++) if (minimalStatus(records[i] as SyntheticHousehold) === 'poor') minimalPoor++;
    });
    // The minimal loop rounds the retirement age to whole years, so a few households differ.
    console.log(`poor households: engine ${enginePoor}, minimal loop ${minimalPoor}`);
    record({
      name: 'classification throughput (engine, pre-parsed records)',
      value: (records.length / engineMs) * 1000,
      unit: 'hh/s',
      baseline: { name: 'minimal hand-written loop', value: (records.length / baselineMs) * 1000 },
    });

    let summaryGroups = 0;
    const summaryMs = timeIt(() => {
      const out = summarize(records, standards, { groupBy: 'unit' });
      summaryGroups = out.ok ? (out.summary.groups?.length ?? 0) : -1;
    });
    let minimalGroups = 0;
    const minimalSummaryMs = timeIt(() => {
      const byUnit = new Map<string, Record<HouseholdStatus, number>>();
      for (const r of records) {
        const h = r as SyntheticHousehold;
        let counts = byUnit.get(h.unitCode);
        if (!counts) {
          counts = { poor: 0, near_poor: 0, average: 0, not_poor: 0 };
          byUnit.set(h.unitCode, counts);
        }
        counts[minimalStatus(h)]++;
      }
      minimalGroups = byUnit.size;
    });
    console.log(`units: engine ${summaryGroups}, minimal loop ${minimalGroups}`);
    record({
      name: 'summary by unit of 400,000 households (classify + §5.6 figures)',
      value: summaryMs,
      unit: 'ms',
      baseline: { name: 'minimal loop: classify + count statuses by unit', value: minimalSummaryMs },
    });

    const cli = await runNode(classifyCommand(file));
    if (cli.exitCode !== 0) throw new Error(`gnbv classify exited with ${cli.exitCode}`);
    const lines = await runNode(readLinesCommand(file));
    record({
      name: 'gnbv classify, 400,000-line JSON Lines file (wall)',
      value: cli.seconds,
      unit: 's',
      baseline: { name: 'node: read lines + JSON.parse', value: lines.seconds },
    });
    record({
      name: 'gnbv classify, peak RSS',
      value: cli.peakRssMb,
      unit: 'MB',
      baseline: { name: 'node: read lines + JSON.parse', value: lines.peakRssMb },
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
