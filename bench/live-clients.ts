// The reader side of `npm run bench:live`, in its own process: many idle SSE connections over raw
// sockets (several loopback source addresses if needed), told by the bench what to wait for over IPC.
import net from 'node:net';

type Command =
  | { op: 'connect'; port: number; count: number; path: string; slow?: boolean }
  | { op: 'expect'; token: string }
  | { op: 'stats' }
  | { op: 'resume' }
  | { op: 'exit' };

interface Reader {
  socket: net.Socket;
  tail: string;
  seen: number;
  slow: boolean;
  open: boolean;
}

const readers: Reader[] = [];
let round = 0;
let token = '';
let received = 0;
let expected = 0;
let lastAt = 0;
let firstAt = 0;
const send = (msg: unknown) => process.send?.(msg);
const now = () => performance.timeOrigin + performance.now();

function connectOne(port: number, path: string, i: number, slow: boolean): Promise<Reader> {
  return new Promise((resolve, reject) => {
    // 127.0.0.1 … 127.0.0.8 as source addresses: each has its own ephemeral port range.
    const socket = net.connect({ host: '127.0.0.1', port, localAddress: `127.0.0.${1 + (i % 8)}` });
    const r: Reader = { socket, tail: '', seen: 0, slow, open: true };
    let headed = false;
    socket.setNoDelay(true);
    socket.on('connect', () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`),
    );
    socket.on('data', (buf: Buffer) => {
      const s = r.tail + buf.toString('latin1');
      if (!headed) {
        if (!s.startsWith('HTTP/1.1 200')) return reject(new Error(`unexpected answer: ${s.slice(0, 80)}`));
        headed = true;
        if (slow) socket.pause(); // a reader that stops reading: the server must drop it
        resolve(r);
      }
      if (token && r.seen !== round && s.includes(token)) {
        r.seen = round;
        received++;
        if (received === 1) firstAt = now();
        if (received === expected) {
          lastAt = now();
          send({ op: 'done', firstAt, lastAt, received });
        }
      }
      r.tail = s.slice(-64);
    });
    socket.on('error', (err) => {
      if (!headed) reject(err);
    });
    socket.on('close', () => {
      r.open = false;
    });
  });
}

process.on('message', async (cmd: Command) => {
  if (cmd.op === 'connect') {
    const started = now();
    const batch: Promise<Reader>[] = [];
    for (let i = 0; i < cmd.count; i++) {
      batch.push(connectOne(cmd.port, cmd.path, readers.length + i, cmd.slow ?? false));
      // Connect in waves so the accept queue never overflows.
      if (batch.length % 200 === 0) await Promise.all(batch.slice(-200));
    }
    readers.push(...(await Promise.all(batch)));
    send({ op: 'connected', total: readers.length, ms: now() - started });
  } else if (cmd.op === 'expect') {
    round++;
    token = cmd.token;
    received = 0;
    expected = readers.filter((r) => r.open && !r.slow).length;
    send({ op: 'armed', expected });
  } else if (cmd.op === 'stats') {
    send({
      op: 'stats',
      open: readers.filter((r) => r.open && !r.slow).length,
      slowOpen: readers.filter((r) => r.open && r.slow).length,
      slowTotal: readers.filter((r) => r.slow).length,
    });
  } else if (cmd.op === 'resume') {
    for (const r of readers) if (r.slow) r.socket.resume();
    send({ op: 'resumed' });
  } else if (cmd.op === 'exit') {
    for (const r of readers) r.socket.destroy();
    process.exit(0);
  }
});
send({ op: 'ready' });
