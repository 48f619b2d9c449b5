// `npm run bench:mail`: one digest issue to 100,000 subscribers through the app's own job runner and mailer, to a
// real SMTP sink in this process, against a bare nodemailer client sending to the same sink. See README § Benchmark.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBackgroundWork } from '../src/background.js';
import { createDeps } from '../src/boot.js';
import { loadConfig } from '../src/config.js';
import { createDigest, getIssue, issueProgress, scheduleIssue } from '../src/newsletters/issue.service.js';
import { createUser } from '../src/users/user.service.js';
import { createPgDatabase } from '../test/support/db.js';
import { makeStory } from '../test/support/factories.js';
import { makeNewsletter, makeSubscribers } from '../test/support/newsletters.js';
import { type MailBenchResult, type SendFigures, formatMailBench, medianSend, sampleMemory } from './mail.report.js';
import { type MailSink, sendBare, startMailSink } from './mail.sink.js';

const { values: args } = parseArgs({
  options: {
    subscribers: { type: 'string' },
    runs: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});
const subscribers = Number(args.subscribers ?? (args.quick ? 20_000 : 100_000));
const runs = Number(args.runs ?? (args.quick ? 1 : 3));
const engine = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '') ? 'postgres' : 'sqlite';
// What the app holds in flight: the runner claims up to 10 batch jobs a pass, each sends a chunk of 50 at once.
const IN_FLIGHT = 10 * 50;
// Generous: a send slower than 20 messages/s is a failure, not a figure.
const timeoutMs = 60_000 + subscribers * 50;
const say = (s: string) => process.stderr.write(`${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cpuUs = (c: NodeJS.CpuUsage) => c.user + c.system;

/** A fresh database: a temp SQLite file, or a throwaway PostgreSQL database next to DATABASE_URL. */
async function freshDatabase(dir: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (engine === 'sqlite') return { url: join(dir, 'mail.db'), drop: async () => {} };
  return createPgDatabase(process.env.DATABASE_URL);
}

async function main(): Promise<void> {
  say(`mail benchmark: ${subscribers.toLocaleString('en')} subscribers, ${runs} run(s), ${engine}`);
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-bench-mail-'));
  const database = await freshDatabase(dir);
  const sink: MailSink = await startMailSink();
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dir,
    DATABASE_URL: database.url,
    SEED_DEMO: '0',
    LOG_REQUESTS: '0',
    SMTP_URL: sink.url,
    // As fast as the SMTP server takes them, unless asked for a pace.
    MAIL_RATE_PER_SECOND: process.env.MAIL_RATE_PER_SECOND ?? '0',
  });
  const deps = await createDeps(config, {
    log: (line) => (line.level === 'error' || line.level === 'warn' ? say(JSON.stringify(line)) : undefined),
  });
  try {
    say('seeding…');
    const seedStarted = performance.now();
    const newsletter = await makeNewsletter(deps, { name: 'Morning Briefing', senderEmail: 'briefing@herald.test' });
    await deps.db
      .transaction()
      .execute((tx) => makeSubscribers(tx, newsletter.id, subscribers, { domain: 'inbox.test' }));
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const stories = [];
    for (const headline of ['Bridge reopens after repairs', 'Council passes the budget', 'Harbour festival returns'])
      stories.push(await makeStory(deps, { headline, dek: 'What happened, and why it matters.' }));
    const editor = await createUser(deps, {
      email: 'editor@herald.test',
      name: 'Ed',
      role: 'editor',
      password: 'correct horse battery',
    });
    // The job runner and its feeders, as main.ts starts them.
    const background = await startBackgroundWork(deps);
    const app: SendFigures[] = [];
    const bare: SendFigures[] = [];
    let duplicates = 0;
    let notSent = 0;
    try {
      for (let run = 1; run <= runs; run++) {
        const issue = await createDigest(deps, editor, {
          newsletterId: newsletter.id,
          subject: `This morning (${run})`,
          intro: 'Good morning.\n\nThree stories to start the day.',
          storyIds: stories.map((s) => s.id),
        });
        const base = sink.count();
        const memory = sampleMemory(() => (sink.count() - base) / subscribers);
        const cpu = process.cpuUsage();
        const sinkCpu = await sink.cpuUs();
        const started = performance.now();
        await scheduleIssue(deps, editor, issue.id, 'now');
        await sink.waitFor(base + subscribers, timeoutMs);
        const sendMs = performance.now() - started;
        const cpuSpent = cpuUs(process.cpuUsage(cpu));
        const sinkSpent = (await sink.cpuUs()) - sinkCpu;
        while ((await getIssue(deps, issue.id)).status !== 'sent') await sleep(20);
        const totalMs = performance.now() - started;
        const figures: SendFigures = {
          messages: subscribers,
          perSecond: subscribers / (sendMs / 1000),
          sendSeconds: sendMs / 1000,
          totalSeconds: totalMs / 1000,
          cpuUsPerMessage: cpuSpent / subscribers,
          sinkCpuUsPerMessage: sinkSpent / subscribers,
          memory: memory.stop(),
        };
        app.push(figures);
        const progress = await issueProgress(deps, issue.id);
        notSent += subscribers - (progress.byStatus.sent ?? 0);
        await sleep(200);
        duplicates += sink.count() - base - subscribers;

        const sample = sink.sample()!;
        const bareBase = sink.count();
        const bareCpu = process.cpuUsage();
        const bareSinkCpu = await sink.cpuUs();
        const bareStarted = performance.now();
        await sendBare(sink.url, sample, subscribers, IN_FLIGHT);
        await sink.waitFor(bareBase + subscribers, timeoutMs);
        const bareMs = performance.now() - bareStarted;
        bare.push({
          messages: subscribers,
          perSecond: subscribers / (bareMs / 1000),
          sendSeconds: bareMs / 1000,
          totalSeconds: bareMs / 1000,
          cpuUsPerMessage: cpuUs(process.cpuUsage(bareCpu)) / subscribers,
          sinkCpuUsPerMessage: ((await sink.cpuUs()) - bareSinkCpu) / subscribers,
        });
        say(
          `  run ${run}: ${Math.round(figures.perSecond)} messages/s (ceiling ${Math.round(bare.at(-1)!.perSecond)}), ` +
            `${Math.round(figures.cpuUsPerMessage)} µs CPU/message (ceiling ${Math.round(bare.at(-1)!.cpuUsPerMessage)}), ` +
            `RSS max ${figures.memory!.rssMb.max} MB, growth 10→100 % ${figures.memory!.rssMb.growth10to100} MB`,
        );
      }
    } finally {
      await background.stop();
    }
    const medianApp = medianSend(app);
    const medianBare = medianSend(bare);
    const result: MailBenchResult = {
      engine,
      subscribers,
      runs,
      seed: { seconds: +seedSeconds.toFixed(2), perSecond: Math.round(subscribers / seedSeconds) },
      app,
      bare,
      median: {
        app: medianApp,
        bare: medianBare,
        rateRatio: medianApp.perSecond / medianBare.perSecond,
        cpuRatio: medianApp.cpuUsPerMessage / medianBare.cpuUsPerMessage,
      },
      duplicates,
      notSent,
    };
    process.stdout.write(`${formatMailBench(result)}\n`);
    const json = { when: new Date().toISOString(), node: process.version, cpus: cpus().length, ...result };
    mkdirSync('bench/results', { recursive: true });
    const file = `bench/results/mail-${engine}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    writeFileSync(file, JSON.stringify(json, null, 2));
    process.stdout.write(`${JSON.stringify(json)}\n`);
    say(`results written to ${file}`);
  } finally {
    await deps.searchIndex.settled();
    await deps.mailer.close();
    await deps.database.close();
    await sink.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  say(`bench:mail failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
