// Measuring one command as a whole process tree: wall time, CPU time, peak memory, load.
//
// CPU time is exact: GNU time's user + sys come from wait4()'s rusage, which adds up the
// command and every descendant it waited for (Node's worker threads, Astro's esbuild
// service, …). Peak memory of a tree is not kept by the kernel (ru_maxrss is the largest
// single process), so the tree's resident memory is summed from /proc every 50 ms and the
// larger of that peak and ru_maxrss is reported.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const TIME = '/usr/bin/time';
const SAMPLE_MS = 50;

/** The pids of `pid` and all its descendants (threads' children included). */
function processTree(pid) {
  const pids = [];
  const pending = [pid];
  while (pending.length > 0) {
    const current = pending.pop();
    pids.push(current);
    let tasks = [];
    try {
      tasks = readdirSync(`/proc/${current}/task`);
    } catch {
      continue; // exited meanwhile
    }
    for (const task of tasks) {
      try {
        const children = readFileSync(`/proc/${current}/task/${task}/children`, 'utf8').trim();
        if (children) pending.push(...children.split(' ').map(Number));
      } catch {
        // the thread or process exited meanwhile
      }
    }
  }
  return pids;
}

/** Resident memory of the descendants of `pid` (GNU time itself left out), in kB; their names go to `names`. */
function descendantsRssKb(pid, names) {
  let total = 0;
  for (const member of processTree(pid).slice(1)) {
    try {
      const status = readFileSync(`/proc/${member}/status`, 'utf8');
      const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
      if (rss) total += Number(rss[1]);
      names.add(/^Name:\s+(.*)$/m.exec(status)?.[1] ?? '?');
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

/**
 * Run `command args` (cwd, env, timeout in ms) and measure it. Resolves to
 * { status, wallMs, cpuMs, peakMb, load, processes, stderr }; `load` is the 1-minute load
 * average when the run started, `processes` the names of the processes seen in the tree,
 * `stderr` the last 4 000 characters the command wrote there.
 */
export function measureTree(command, args, { cwd, env = process.env, timeoutMs = 3_600_000 } = {}) {
  if (!existsSync(TIME)) throw new Error(`${TIME} is missing (Debian: apt-get install time); it measures the CPU time of the process tree`);
  const scratch = mkdtempSync(join(tmpdir(), 'mlpost-measure-'));
  const report = join(scratch, 'time.txt');
  const load = loadavg()[0];
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(TIME, ['-f', '%U %S %M', '-o', report, command, ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    let sampledKb = 0;
    const names = new Set();
    const sampler = setInterval(() => {
      sampledKb = Math.max(sampledKb, descendantsRssKb(child.pid, names));
    }, SAMPLE_MS);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearInterval(sampler);
      clearTimeout(timer);
      rmSync(scratch, { recursive: true, force: true });
      reject(error);
    });
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - start;
      clearInterval(sampler);
      clearTimeout(timer);
      // GNU time writes "Command exited with non-zero status N" before its line then.
      const line = existsSync(report) ? readFileSync(report, 'utf8').trim().split('\n').pop() : '';
      rmSync(scratch, { recursive: true, force: true });
      const [user, system, maxRssKb] = line.split(' ').map(Number);
      const status = signal ? `killed by ${signal}${wallMs >= timeoutMs ? ' (timeout)' : ''}` : code;
      resolve({ status, wallMs, cpuMs: (user + system) * 1000, peakMb: Math.max(sampledKb, maxRssKb || 0) / 1024, load, processes: [...names].sort(), stderr });
    });
  });
}
