import { median } from './load.js';

/** One memory reading: the share of the send done so far, resident set and V8 heap in use (bytes). */
interface MemorySample {
  done: number;
  rss: number;
  heap: number;
}

/** Memory over a send, in MB: min / median / max, and the growth from 10 % of the send to its end. */
export interface MemoryFigures {
  samples: number;
  rssMb: { min: number; median: number; max: number; growth10to100: number };
  heapMb: { min: number; median: number; max: number; growth10to100: number };
}

/** One send's figures (the app's issue, or the bare client's copies). */
export interface SendFigures {
  messages: number;
  perSecond: number;
  /** Until the last message was accepted by the sink. */
  sendSeconds: number;
  /** Until the issue was marked sent (the app only). */
  totalSeconds: number;
  /** This process's CPU (user + system) per message: the app or the bare client (the sink has its own process). */
  cpuUsPerMessage: number;
  /** The sink process's CPU per message over the same send. */
  sinkCpuUsPerMessage: number;
  memory?: MemoryFigures;
}

const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;

/** Reads memory once a second (and once more at stop) while a send runs; `done()` says how far it has come. */
export function sampleMemory(done: () => number): { stop(): MemoryFigures } {
  const samples: MemorySample[] = [];
  const take = () => {
    const m = process.memoryUsage();
    samples.push({ done: done(), rss: m.rss, heap: m.heapUsed });
  };
  take();
  const timer = setInterval(take, 1000);
  return {
    stop() {
      clearInterval(timer);
      take();
      const from = samples.find((s) => s.done >= 0.1) ?? samples[0]!;
      const last = samples[samples.length - 1]!;
      const figures = (pick: (s: MemorySample) => number) => {
        const xs = samples.map(pick);
        return {
          min: mb(Math.min(...xs)),
          median: mb(median(xs)),
          max: mb(Math.max(...xs)),
          growth10to100: mb(pick(last) - pick(from)),
        };
      };
      return { samples: samples.length, rssMb: figures((s) => s.rss), heapMb: figures((s) => s.heap) };
    },
  };
}

/** Medians of each figure over several runs. */
export function medianSend(runs: SendFigures[]): SendFigures {
  const m = (pick: (r: SendFigures) => number) => median(runs.map(pick));
  const memory = runs.every((r) => r.memory)
    ? {
        samples: m((r) => r.memory!.samples),
        rssMb: {
          min: m((r) => r.memory!.rssMb.min),
          median: m((r) => r.memory!.rssMb.median),
          max: m((r) => r.memory!.rssMb.max),
          growth10to100: m((r) => r.memory!.rssMb.growth10to100),
        },
        heapMb: {
          min: m((r) => r.memory!.heapMb.min),
          median: m((r) => r.memory!.heapMb.median),
          max: m((r) => r.memory!.heapMb.max),
          growth10to100: m((r) => r.memory!.heapMb.growth10to100),
        },
      }
    : undefined;
  return {
    messages: m((r) => r.messages),
    perSecond: m((r) => r.perSecond),
    sendSeconds: m((r) => r.sendSeconds),
    totalSeconds: m((r) => r.totalSeconds),
    cpuUsPerMessage: m((r) => r.cpuUsPerMessage),
    sinkCpuUsPerMessage: m((r) => r.sinkCpuUsPerMessage),
    ...(memory ? { memory } : {}),
  };
}

/** What one `npm run bench:mail` measured. */
export interface MailBenchResult {
  engine: 'sqlite' | 'postgres';
  subscribers: number;
  runs: number;
  seed: { seconds: number; perSecond: number };
  app: SendFigures[];
  bare: SendFigures[];
  median: { app: SendFigures; bare: SendFigures; rateRatio: number; cpuRatio: number };
  /** Messages the sink received beyond one per subscriber per run (should be 0), and deliveries not `sent`. */
  duplicates: number;
  notSent: number;
}

const f = (n: number, d = 0) => n.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d });
const mem = (m: MemoryFigures['rssMb']) =>
  `min ${f(m.min, 1)} / median ${f(m.median, 1)} / max ${f(m.max, 1)} MB, growth 10 %→100 % ${m.growth10to100 >= 0 ? '+' : ''}${f(m.growth10to100, 1)} MB`;

/** The readable report. */
export function formatMailBench(r: MailBenchResult): string {
  const { app, bare } = r.median;
  const lines = [
    `\n## mail — ${r.engine} — one digest issue to ${f(r.subscribers)} subscribers — ${r.runs} run(s), medians`,
    `seed: ${f(r.subscribers)} subscribers in ${f(r.seed.seconds, 1)} s (${f(r.seed.perSecond)}/s)`,
    '',
    `Broadsheet (job runner → SMTP): ${f(app.perSecond)} messages/s; ` +
      `last accepted after ${f(app.sendSeconds, 1)} s, issue sent after ${f(app.totalSeconds, 1)} s`,
    `  CPU (this process): ${f(app.cpuUsPerMessage)} µs/message; the sink's process: ${f(app.sinkCpuUsPerMessage)} µs/message`,
  ];
  if (app.memory)
    lines.push(`  RSS:  ${mem(app.memory.rssMb)}`, `  heap: ${mem(app.memory.heapMb)} (${app.memory.samples} samples)`);
  lines.push(
    `ceiling (bare nodemailer → same sink, same pool and in-flight): ${f(bare.perSecond)} messages/s, ${f(bare.cpuUsPerMessage)} µs/message`,
    '',
    `share of the ceiling: ${f(r.median.rateRatio * 100)} % of its messages/s; CPU per message ${f(r.median.cpuRatio, 2)} × the ceiling's` +
      (bare.perSecond >= 2 * app.perSecond ? '' : ' (the ceiling is under 2 × the rate: the ratio does not count)'),
    `the sink on one free core: ~${f(1e6 / app.sinkCpuUsPerMessage)} messages/s (1 s ÷ its CPU per message)`,
    `per run (Broadsheet / ceiling messages/s): ${r.app.map((a, i) => `${f(a.perSecond)} / ${f(r.bare[i]?.perSecond ?? Number.NaN)}`).join(', ')}`,
    `duplicates at the sink: ${r.duplicates}; deliveries not sent: ${r.notSent}`,
    `target ≥ 500 messages/s: ${app.perSecond >= 500 ? 'met' : 'NOT met'}`,
  );
  return lines.join('\n');
}
