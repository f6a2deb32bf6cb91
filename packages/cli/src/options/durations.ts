import { InvalidArgumentError } from 'commander';

/** An inference time after programming: seconds, and the label it is shown with. */
export interface InferenceTime {
  label: string;
  seconds: number;
}

const YEAR = 365.25 * 86400;

/** Units of a time token, by their spellings; a month is a twelfth of a Julian year. */
const UNITS: ReadonlyArray<{ names: readonly string[]; seconds: number; singular: string; plural: string }> = [
  { names: ['s', 'sec', 'second', 'seconds'], seconds: 1, singular: 's', plural: 's' },
  { names: ['min', 'minute', 'minutes'], seconds: 60, singular: 'min', plural: 'min' },
  { names: ['h', 'hour', 'hours'], seconds: 3600, singular: 'h', plural: 'h' },
  { names: ['d', 'day', 'days'], seconds: 86400, singular: 'day', plural: 'days' },
  { names: ['w', 'week', 'weeks'], seconds: 7 * 86400, singular: 'week', plural: 'weeks' },
  { names: ['mo', 'month', 'months'], seconds: YEAR / 12, singular: 'month', plural: 'months' },
  { names: ['y', 'year', 'years'], seconds: YEAR, singular: 'year', plural: 'years' },
];

/** The times of `hwa-drift` unless --times says otherwise. */
export const DEFAULT_TIMES = '1s,1h,1d,1mo,1y,10y';

/** One time: a number of seconds (`3600`) or a number with a unit (`1h`, `1d`, `1mo`, `10y`). */
export function parseInferenceTime(token: string): InferenceTime {
  const match = /^(\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*([a-z]*)$/i.exec(token.trim());
  const unit = match && (match[2] === '' ? UNITS[0] : UNITS.find((u) => u.names.includes(match[2]!.toLowerCase())));
  if (!match || !unit) {
    throw new InvalidArgumentError(`"${token}" is not a time; write seconds (3600) or a number with a unit (s, min, h, d, w, mo, y), e.g. 1h or 10y.`);
  }
  const count = Number(match[1]);
  const seconds = count * unit.seconds;
  if (!Number.isFinite(seconds)) throw new InvalidArgumentError(`"${token}" is too large a time.`);
  return { label: `${count} ${count === 1 ? unit.singular : unit.plural}`, seconds };
}

/** A comma-separated list of times, sorted, without duplicates. */
export function parseInferenceTimes(list: string): InferenceTime[] {
  const tokens = list.split(',').map((t) => t.trim());
  if (tokens.some((t) => t === '')) throw new InvalidArgumentError(`"${list}" has an empty entry; separate times by single commas, e.g. 1s,1h,1d.`);
  const times = tokens.map(parseInferenceTime).sort((a, b) => a.seconds - b.seconds);
  return times.filter((t, i) => i === 0 || t.seconds !== times[i - 1]!.seconds);
}
