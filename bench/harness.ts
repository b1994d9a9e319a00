/** The benchmark harness: every figure is printed beside a baseline measured in the same run. */
import { writeFileSync } from 'node:fs';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: { name: string; value: number };
}

export type RecordFigure = (figure: Figure) => void;

export function createReport() {
  const figures: Figure[] = [];
  const record: RecordFigure = (figure) => {
    figures.push(figure);
    const ratio = figure.baseline.value > 0 ? figure.value / figure.baseline.value : Number.NaN;
    console.log(
      `${figure.name.padEnd(58)} ${format(figure.value).padStart(12)} ${figure.unit.padEnd(6)}` +
        ` | ${figure.baseline.name}: ${format(figure.baseline.value)} ${figure.unit} (×${ratio.toFixed(2)})`,
    );
  };
  const save = (file: string, meta: Record<string, unknown>) =>
    writeFileSync(file, `${JSON.stringify({ ...meta, figures }, null, 2)}\n`);
  return { record, save, figures };
}

function format(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
}
