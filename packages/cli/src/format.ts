import Table from 'cli-table3';

/** Where the commands write: standard output and standard error. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: Output = {
  out: text => process.stdout.write(`${text}\n`),
  err: text => process.stderr.write(`${text}\n`),
};

/** A compact borderless table of label/value rows (or several columns). */
export function table(rows: string[][], head?: string[]): string {
  const t = new Table({
    head: head ?? [],
    style: { head: [], border: [], compact: true, 'padding-left': 0 },
    chars: {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: '',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: '  ',
    },
  });
  t.push(...rows);
  return t.toString();
}

/** A duration in hours, in the unit a person reads best. */
export function hours(value: number): string {
  if (value < 1) return `${Math.round(value * 60)} min`;
  if (value < 48) return `${value.toFixed(1)} h`;
  return `${(value / 24).toFixed(1)} days`;
}

export const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

/** The name part of an entity ref, for a line where no title is at hand. */
export const nameOf = (ref: string) => ref.replace(/^.*[:/]/, '');
