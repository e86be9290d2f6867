/**
 * Structured logging for operators. Log fields are ids, counts, durations and codes only: PHI (names, dates of birth,
 * transcript text) must never be passed here. Strings longer than 64 characters are truncated as a second line of
 * defence against free text slipping in.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
type Fields = Record<string, string | number | boolean | null | undefined>;
type Sink = (line: string) => void;

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function envLevel(): LogLevel {
  const v = process.env.BEDSIDE_LOG_LEVEL;
  return v === 'debug' || v === 'info' || v === 'warn' || v === 'error' ? v : 'warn';
}

let threshold: LogLevel = envLevel();
let sink: Sink = (line) => process.stderr.write(line + '\n');

function clean(fields: Fields): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(fields))
    out[k] = typeof v === 'string' && v.length > 64 ? `${v.slice(0, 61)}...` : v;
  return out;
}

function write(level: LogLevel, event: string, fields: Fields = {}): void {
  if (order[level] < order[threshold]) return;
  sink(JSON.stringify({ t: new Date().toISOString(), level, event, ...clean(fields) }));
}

export const log = {
  debug: (event: string, fields?: Fields) => write('debug', event, fields),
  info: (event: string, fields?: Fields) => write('info', event, fields),
  warn: (event: string, fields?: Fields) => write('warn', event, fields),
  error: (event: string, fields?: Fields) => write('error', event, fields),
  setLevel(level: LogLevel) {
    threshold = level;
  },
  /** For tests and hosts that route logs elsewhere. Returns a function restoring the previous sink. */
  setSink(next: Sink): () => void {
    const prev = sink;
    sink = next;
    return () => {
      sink = prev;
    };
  },
};
