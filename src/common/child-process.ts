import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * A helper process that lives exactly as long as this one (the embedded database and Redis).
 *
 * - It runs in its own process group (`detached`), so a Ctrl-C in the terminal reaches only the
 *   app, which then stops its helpers in order, after closing its own connections.
 * - Its stdin is a pipe that this process never writes to nor closes while it runs: when this
 *   process dies, even by SIGKILL, the pipe closes and the helper sees end-of-file. The helper
 *   programs used here watch for that and shut down, so no orphan keeps a port or a data dir.
 * - A normal `process.exit()` without `stop()` sends SIGTERM from an 'exit' hook.
 */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

export interface ManagedProcessOptions {
  /** For messages: "embedded PostgreSQL", "redis-server". */
  name: string;
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Every line the process writes, on stdout or stderr. */
  onLine?: (line: string) => void;
  /** How long `stop()` waits after SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
}

const live = new Set<ManagedProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const managed of live) managed.signal('SIGTERM');
  });
}

const OUTPUT_LINES_KEPT = 60;

export class ManagedProcess {
  readonly exited: Promise<ProcessExit>;
  private readonly child: ChildProcess;
  private readonly lines: string[] = [];
  private exit: ProcessExit | undefined;
  private stopping: Promise<void> | undefined;

  constructor(private readonly options: ManagedProcessOptions) {
    installExitHook();
    this.child = spawn(options.command, [...options.args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    // The stdin pipe is the parent-death signal: keep it open, never write to it.
    this.child.stdin?.on('error', () => undefined);
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        this.lines.push(line);
        if (this.lines.length > OUTPUT_LINES_KEPT) this.lines.shift();
        options.onLine?.(line);
      });
    }
    this.exited = new Promise<ProcessExit>((resolve) => {
      const finish = (exit: ProcessExit) => {
        if (this.exit) return;
        this.exit = exit;
        live.delete(this);
        this.child.stdin?.destroy();
        resolve(exit);
      };
      this.child.once('error', (error) => finish({ code: null, signal: null, error }));
      // 'close' (not 'exit'): all output has been read by then.
      this.child.once('close', (code, signal) => finish({ code, signal }));
    });
    live.add(this);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Set once the process has ended. */
  get exitStatus(): ProcessExit | undefined {
    return this.exit;
  }

  get name(): string {
    return this.options.name;
  }

  /** The last lines it wrote, for error messages. */
  output(): string {
    return this.lines.join('\n');
  }

  /** How it ended, in words, with its last output. */
  describeExit(): string {
    const exit = this.exit;
    const how = !exit
      ? 'is still running'
      : exit.error
        ? `could not be started: ${exit.error.message}`
        : exit.signal
          ? `was killed by ${exit.signal}`
          : `exited with code ${exit.code}`;
    const output = this.output().trim();
    return `${this.options.name} ${how}${output ? `; its output:\n${output}` : ''}`;
  }

  /** Sends a signal to its whole process group (it is the group leader), quietly. */
  signal(signal: NodeJS.Signals): void {
    if (this.exit || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      try {
        this.child.kill(signal);
      } catch {
        // already gone
      }
    }
  }

  /** SIGTERM, then SIGKILL after `stopTimeoutMs`; resolves once it has exited. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.exit) return;
      this.signal('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), this.options.stopTimeoutMs ?? 10_000);
      });
      const result = await Promise.race([this.exited, timeout]);
      clearTimeout(timer);
      if (result === 'timeout') {
        this.options.onLine?.(`did not stop in time: sending SIGKILL`);
        this.signal('SIGKILL');
        await this.exited;
      }
    })();
    return this.stopping;
  }
}

/**
 * Polls `ready` until it resolves true. Rejects with the process's output as soon as it exits,
 * or after `timeoutMs` (and then stops it).
 */
export async function waitUntilReady(
  managed: ManagedProcess,
  ready: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (managed.exitStatus) throw new Error(managed.describeExit());
    if (await ready().catch(() => false)) return;
    if (managed.exitStatus) throw new Error(managed.describeExit());
    if (Date.now() > deadline) {
      await managed.stop();
      const output = managed.output().trim();
      throw new Error(
        `${managed.name} did not become ready within ${Math.round(timeoutMs / 1000)} s` +
          (output ? `; its output:\n${output}` : ''),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
