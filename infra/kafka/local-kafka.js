#!/usr/bin/env node
// Local Apache Kafka for development and tests: no Docker, no tarball download.
// Jars come from Maven Central (see pom.xml); the broker runs as a detached
// single-node KRaft JVM. Usable as a CLI and as a CommonJS module.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const net = require('node:net');
const crypto = require('node:crypto');
const { spawn, spawnSync } = require('node:child_process');
const { parseArgs } = require('node:util');

const KAFKA_VERSION = '4.4.0'; // keep in sync with <kafka.version> in pom.xml
const REPO_ROOT = path.resolve(__dirname, '../..');
const POM_FILE = path.join(__dirname, 'pom.xml');
const LOG4J_CONFIG = path.join(__dirname, 'log4j2.yaml');
const MIN_JAVA_MAJOR = 17; // Kafka 4.x brokers require Java 17+
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;
const LOCK_TIMEOUT_MS = 300_000; // covers a concurrent first-time fetch + start
const LOG_TAIL_LINES = 40;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------
// options and layout

function resolveOptions(options = {}) {
  const port = toPort(options.port ?? 9092, 'port');
  const controllerPort = toPort(options.controllerPort ?? port + 1, 'controllerPort');
  if (controllerPort === port) throw new Error('controllerPort must differ from port');
  const heapMb = Number(options.heapMb ?? 512);
  if (!Number.isInteger(heapMb) || heapMb < 128)
    throw new Error(`heapMb must be an integer >= 128 (got ${options.heapMb})`);
  const home = path.resolve(options.home ?? path.join(REPO_ROOT, '.local', 'kafka'));
  const log =
    typeof options.log === 'function' ? options.log : (msg) => console.error(`local-kafka: ${msg}`);
  return { port, controllerPort, heapMb, home, fresh: Boolean(options.fresh), log };
}

function toPort(value, name) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new Error(`${name} must be an integer 1-65535 (got ${value})`);
  return n;
}

function layout(opts) {
  const distDir = path.join(opts.home, 'dist', `kafka-${KAFKA_VERSION}`);
  const instanceDir = path.join(opts.home, String(opts.port));
  return {
    distDir,
    libsDir: path.join(distDir, 'libs'),
    completeMarker: path.join(distDir, '.complete'),
    fetchLock: path.join(opts.home, 'dist', '.lock'),
    instanceDir,
    dataDir: path.join(instanceDir, 'data'),
    propsFile: path.join(instanceDir, 'server.properties'),
    logFile: path.join(instanceDir, 'kafka.log'),
    pidFile: path.join(instanceDir, 'kafka.pid'),
    stateFile: path.join(instanceDir, 'state.json'),
    startLock: path.join(instanceDir, '.lock'),
  };
}

const brokersOf = (opts) => `127.0.0.1:${opts.port}`;

// ---------------------------------------------------------------------------
// small fs / process helpers

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function readJson(file) {
  try {
    return JSON.parse(readText(file));
  } catch {
    return null;
  }
}

function readPid(file) {
  const pid = Number((readText(file) ?? '').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function isAlive(pid) {
  // pid 0 / negative would address process groups, never "one process".
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function commandLineOf(pid) {
  const raw = readText(`/proc/${pid}/cmdline`);
  if (raw !== null) return raw.split('\0').join(' ');
  const ps = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
  return ps.status === 0 ? ps.stdout : null;
}

// Guards against a stale pid file whose pid now belongs to an unrelated process.
function isOurBroker(pid, paths) {
  if (!isAlive(pid)) return false;
  const cmd = commandLineOf(pid);
  return cmd === null || (cmd.includes('kafka.Kafka') && cmd.includes(paths.propsFile));
}

function tailFile(file, lines) {
  const text = readText(file);
  if (!text) return '(no output)';
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function dirSizeMb(dir) {
  const bytes = fs
    .readdirSync(dir)
    .reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
  return (bytes / 1024 / 1024).toFixed(0);
}

const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);

// Cross-process mutex (Nx may run several test targets at once): O_EXCL file
// holding the owner's pid; a lock whose owner died is taken over.
async function withLock(file, log, fn) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const owner = readPid(file);
      if (owner !== null && !isAlive(owner)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${file} (held by pid ${owner})`);
      if (!announced) log(`waiting for another local-kafka run (pid ${owner ?? '?'})…`);
      announced = true;
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(file, { force: true });
  }
}

// ---------------------------------------------------------------------------
// tools: java and maven

function javaBin() {
  // Prefer JAVA_HOME like Kafka's own scripts do.
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

function checkJava() {
  const java = javaBin();
  const res = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (res.error) {
    throw new Error(
      `'${java}' not found: install a JDK ${MIN_JAVA_MAJOR}+ and put java on PATH (or set JAVA_HOME)`,
    );
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${res.stderr}${res.stdout}`);
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : NaN;
  if (major < MIN_JAVA_MAJOR) {
    throw new Error(
      `Apache Kafka ${KAFKA_VERSION} needs Java ${MIN_JAVA_MAJOR}+, but '${java}' is Java ${major}`,
    );
  }
  return java;
}

function checkMaven() {
  const res = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (res.error || res.status !== 0) {
    throw new Error(
      `'mvn' not found: Apache Maven is needed once to fetch the Kafka jars from Maven Central (e.g. apt-get install maven / brew install maven)`,
    );
  }
}

function run(cmd, args, spawnOptions = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

// ---------------------------------------------------------------------------
// fetch

/** Downloads the broker jars once into <home>/dist/kafka-<version>/libs. */
async function fetchKafka(options = {}) {
  const opts = resolveOptions(options);
  const paths = layout(opts);
  if (fs.existsSync(paths.completeMarker))
    return { libsDir: paths.libsDir, version: KAFKA_VERSION, fetched: false };
  return withLock(paths.fetchLock, opts.log, async () => {
    // Another process may have finished the fetch while we waited for the lock.
    if (fs.existsSync(paths.completeMarker))
      return { libsDir: paths.libsDir, version: KAFKA_VERSION, fetched: false };
    checkMaven();
    await downloadJars(paths, opts.log);
    return { libsDir: paths.libsDir, version: KAFKA_VERSION, fetched: true };
  });
}

async function downloadJars(paths, log) {
  const started = Date.now();
  log(`fetching Apache Kafka ${KAFKA_VERSION} from Maven Central… (one-time, ~55 MB)`);
  // Start from an empty libs dir so a half-finished earlier attempt leaves no stray jars.
  fs.rmSync(paths.libsDir, { recursive: true, force: true });
  fs.mkdirSync(paths.libsDir, { recursive: true });
  const args = [
    '-q',
    '-B',
    '-f',
    POM_FILE,
    'dependency:copy-dependencies',
    `-DoutputDirectory=${paths.libsDir}`,
    '-DincludeScope=runtime',
  ];
  const { code, output } = await run('mvn', args);
  if (code !== 0) {
    throw new Error(
      `mvn dependency:copy-dependencies failed (exit ${code}):\n${output.trim().split('\n').slice(-LOG_TAIL_LINES).join('\n')}`,
    );
  }
  const jars = fs.readdirSync(paths.libsDir).filter((f) => f.endsWith('.jar'));
  if (!jars.some((f) => f.startsWith(`kafka_2.13-${KAFKA_VERSION}`))) {
    throw new Error(
      `mvn finished but kafka_2.13-${KAFKA_VERSION}.jar is missing in ${paths.libsDir}`,
    );
  }
  fs.writeFileSync(paths.completeMarker, `${new Date().toISOString()}\n`);
  log(
    `fetched ${jars.length} jars (${dirSizeMb(paths.libsDir)} MB) in ${seconds(started)} s → ${paths.libsDir}`,
  );
}

// ---------------------------------------------------------------------------
// probing

async function isPortOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function loadKafkaJs() {
  try {
    return require('kafkajs');
  } catch {
    throw new Error(
      `kafkajs is not installed (needed for the readiness probe); run npm install in ${REPO_ROOT}`,
    );
  }
}

function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** True if a Kafka broker answers describeCluster on 127.0.0.1:port. */
async function answersAsKafka(port) {
  const { Kafka, logLevel } = loadKafkaJs();
  const kafka = new Kafka({
    clientId: 'local-kafka-probe',
    brokers: [`127.0.0.1:${port}`],
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  try {
    // Overall cap: a non-Kafka server may accept the socket and never reply.
    await withTimeout(
      admin.connect().then(() => admin.describeCluster()),
      4000,
    );
    return true;
  } catch {
    return false;
  } finally {
    await withTimeout(admin.disconnect(), 1000).catch(() => {});
  }
}

// ---------------------------------------------------------------------------
// start

function serverProperties(opts, paths) {
  const props = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${opts.controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${opts.port},CONTROLLER://127.0.0.1:${opts.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${opts.port}`,
    'controller.listener.names': 'CONTROLLER',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': paths.dataDir,
    'num.partitions': 1,
    // Single node: internal topics cannot have more than one replica.
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    // Fewer __consumer_offsets partitions => the group coordinator is ready sooner.
    'offsets.topic.num.partitions': 10,
    'group.initial.rebalance.delay.ms': 0,
    // Topics must be created explicitly, as in production.
    'auto.create.topics.enable': false,
  };
  const body = Object.entries(props)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
  return `# Generated by infra/kafka/local-kafka.js on every start; edits are overwritten.\n${body}\n`;
}

function jvmArgs(opts, paths) {
  return [
    `-Xms${Math.min(256, opts.heapMb)}m`,
    `-Xmx${opts.heapMb}m`,
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${LOG4J_CONFIG}`,
    `-Dkafka.logs.dir=${paths.instanceDir}`,
    '-cp',
    // Java expands the trailing "*" itself; no shell is involved.
    `${paths.libsDir}${path.sep}*`,
  ];
}

function newClusterId() {
  // Kafka cluster ids are base64url UUIDs (22 chars); a leading '-' would be parsed as a CLI flag.
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

async function formatStorage(java, opts, paths) {
  if (opts.fresh) {
    opts.log(`--fresh: wiping ${paths.dataDir}`);
    fs.rmSync(paths.dataDir, { recursive: true, force: true });
  }
  if (fs.existsSync(path.join(paths.dataDir, 'meta.properties'))) return;
  fs.mkdirSync(paths.dataDir, { recursive: true });
  const clusterId = newClusterId();
  opts.log(`formatting KRaft storage in ${paths.dataDir} (cluster id ${clusterId})`);
  const args = [
    ...jvmArgs(opts, paths),
    'kafka.tools.StorageTool',
    'format',
    '-t',
    clusterId,
    '-c',
    paths.propsFile,
  ];
  const { code, output } = await run(java, args);
  if (code !== 0) throw new Error(`kafka-storage format failed (exit ${code}):\n${output.trim()}`);
}

function spawnBroker(java, opts, paths) {
  // Keep the previous run's log for post-mortems; the fresh log shows only this run.
  if (fs.existsSync(paths.logFile)) fs.renameSync(paths.logFile, `${paths.logFile}.prev`);
  const out = fs.openSync(paths.logFile, 'a');
  // detached + unref: the broker must outlive this (often short-lived) launcher process.
  const child = spawn(java, [...jvmArgs(opts, paths), 'kafka.Kafka', paths.propsFile], {
    cwd: paths.instanceDir,
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  child.unref();
  const exit = { code: undefined };
  child.on(
    'exit',
    (code, signal) => (exit.code = code !== null ? `exit code ${code}` : `signal ${signal}`),
  );
  child.on('error', (err) => (exit.code = err.message));
  fs.writeFileSync(paths.pidFile, `${child.pid}\n`);
  const state = {
    pid: child.pid,
    port: opts.port,
    version: KAFKA_VERSION,
    startedAt: new Date().toISOString(),
  };
  fs.writeFileSync(paths.stateFile, `${JSON.stringify(state, null, 2)}\n`);
  return { pid: child.pid, exit };
}

function removeRunFiles(paths) {
  fs.rmSync(paths.pidFile, { force: true });
  fs.rmSync(paths.stateFile, { force: true });
}

async function waitUntilReady(opts, paths, pid, hasExited) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await answersAsKafka(opts.port)) return;
    const exitInfo = hasExited();
    if (exitInfo !== undefined) {
      removeRunFiles(paths);
      const tail = tailFile(paths.logFile, LOG_TAIL_LINES);
      throw new Error(
        `Kafka broker (pid ${pid}) exited early (${exitInfo}); last lines of ${paths.logFile}:\n${tail}`,
      );
    }
    await sleep(500);
  }
  // Do not leave a half-started broker behind: the next ensureKafka would only wait on it again.
  await stopPid(pid, opts.log);
  removeRunFiles(paths);
  const tail = tailFile(paths.logFile, LOG_TAIL_LINES);
  throw new Error(
    `Kafka broker not ready on ${brokersOf(opts)} after ${READY_TIMEOUT_MS / 1000} s (stopped it); last lines of ${paths.logFile}:\n${tail}`,
  );
}

function reusedResult(opts, paths) {
  const state = readJson(paths.stateFile);
  const ours = Boolean(state) && state.port === opts.port && isOurBroker(state.pid, paths);
  const result = {
    brokers: brokersOf(opts),
    version: ours ? state.version : 'unknown',
    started: false,
  };
  if (ours) result.pid = state.pid;
  return result;
}

async function assertPortFree(port, what) {
  if (await isPortOpen(port)) {
    throw new Error(
      `127.0.0.1:${port} (${what}) is already in use${what === 'broker port' ? ' by something that is not a Kafka broker' : ''}; choose another --port / LOCAL_KAFKA_PORT`,
    );
  }
}

// --fresh must not wipe data under a running broker: restart ours, refuse foreign ones.
async function stopForFresh(opts, paths) {
  const pid = readPid(paths.pidFile);
  if (pid === null || !isOurBroker(pid, paths)) {
    throw new Error(
      `--fresh: a Kafka broker not started by local-kafka already answers on ${brokersOf(opts)}; stop it first`,
    );
  }
  opts.log(`--fresh: stopping the running broker (pid ${pid}) first`);
  await stopKafka(opts);
}

/** Starts (or reuses) a single-node KRaft broker on 127.0.0.1:port. */
async function ensureKafka(options = {}) {
  const opts = resolveOptions(options);
  const paths = layout(opts);
  if (await answersAsKafka(opts.port)) {
    if (!opts.fresh) return reusedResult(opts, paths);
    await stopForFresh(opts, paths);
  }
  return withLock(paths.startLock, opts.log, async () => {
    // A concurrent caller may have started it while we waited for the lock.
    if (await answersAsKafka(opts.port)) return reusedResult(opts, paths);
    const existingPid = readPid(paths.pidFile);
    if (existingPid !== null && isOurBroker(existingPid, paths)) {
      opts.log(`broker pid ${existingPid} is running but not answering yet; waiting for it`);
      await waitUntilReady(opts, paths, existingPid, () =>
        isAlive(existingPid) ? undefined : 'gone',
      );
      return {
        brokers: brokersOf(opts),
        version: reusedResult(opts, paths).version,
        started: false,
        pid: existingPid,
      };
    }
    return startBroker(opts, paths);
  });
}

async function startBroker(opts, paths) {
  await assertPortFree(opts.port, 'broker port');
  await assertPortFree(opts.controllerPort, 'controller port');
  const java = checkJava();
  await fetchKafka(opts);
  fs.mkdirSync(paths.instanceDir, { recursive: true });
  removeRunFiles(paths);
  fs.writeFileSync(paths.propsFile, serverProperties(opts, paths));
  await formatStorage(java, opts, paths);
  const started = Date.now();
  opts.log(
    `starting Apache Kafka ${KAFKA_VERSION} on ${brokersOf(opts)} (controller ${opts.controllerPort}, log ${paths.logFile})`,
  );
  const { pid, exit } = spawnBroker(java, opts, paths);
  await waitUntilReady(opts, paths, pid, () => exit.code);
  opts.log(`broker ready in ${seconds(started)} s`);
  return { brokers: brokersOf(opts), version: KAFKA_VERSION, started: true, pid };
}

// ---------------------------------------------------------------------------
// stop and status

async function waitForExit(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(250);
  }
  return true;
}

async function stopPid(pid, log) {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  if (await waitForExit(pid, STOP_TIMEOUT_MS)) return;
  log(`pid ${pid} did not exit within ${STOP_TIMEOUT_MS / 1000} s; sending SIGKILL`);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  await waitForExit(pid, 5000);
}

/** Stops the broker this launcher started on the given port. Resolves true if one was stopped. */
async function stopKafka(options = {}) {
  const opts = resolveOptions(options);
  const paths = layout(opts);
  const pid = readPid(paths.pidFile);
  if (pid === null) {
    opts.log(
      `nothing is running that local-kafka started on port ${opts.port} (no ${paths.pidFile})`,
    );
    return false;
  }
  if (!isOurBroker(pid, paths)) {
    opts.log(`stale pid file (pid ${pid} is not our broker); removing it`);
    removeRunFiles(paths);
    return false;
  }
  const started = Date.now();
  opts.log(`stopping Kafka broker pid ${pid} on port ${opts.port}…`);
  await stopPid(pid, opts.log);
  removeRunFiles(paths);
  opts.log(`stopped in ${seconds(started)} s`);
  return true;
}

/** Reports whether a broker answers on the port, and what local-kafka knows about it. */
async function kafkaStatus(options = {}) {
  const opts = resolveOptions(options);
  const paths = layout(opts);
  const answering = await answersAsKafka(opts.port);
  const pid = readPid(paths.pidFile);
  const ours = pid !== null && isOurBroker(pid, paths);
  const state = ours ? readJson(paths.stateFile) : null;
  return {
    port: opts.port,
    brokers: brokersOf(opts),
    answering,
    pid: ours ? pid : null,
    version: state?.version ?? (answering ? 'unknown' : null),
    startedAt: state?.startedAt ?? null,
    cached: fs.existsSync(paths.completeMarker),
    home: opts.home,
  };
}

// ---------------------------------------------------------------------------
// CLI

const USAGE = `Usage: node infra/kafka/local-kafka.js <start|stop|status|fetch> [--port N] [--fresh] [--heap-mb N]

  start    start a local Apache Kafka ${KAFKA_VERSION} broker (reuses one already answering)
  stop     stop the broker that local-kafka started on --port
  status   show whether a broker answers on --port
  fetch    only download the jars from Maven Central

  --port N     broker port (default $LOCAL_KAFKA_PORT or 9092; controller uses N+1)
  --fresh      wipe the broker's data before starting
  --heap-mb N  JVM max heap in MB (default 512)

Files live under $LOCAL_KAFKA_HOME (default <repo>/.local/kafka).`;

function cliOptions(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      fresh: { type: 'boolean', default: false },
      'heap-mb': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const options = {
    port: values.port ?? process.env.LOCAL_KAFKA_PORT ?? 9092,
    home: process.env.LOCAL_KAFKA_HOME || undefined,
    fresh: values.fresh,
    heapMb: values['heap-mb'],
  };
  return { command: positionals[0], extra: positionals.slice(1), help: values.help, options };
}

function formatStatus(s) {
  if (!s.answering)
    return `no Kafka broker answering on ${s.brokers}${s.pid ? ` (pid ${s.pid} running, not answering)` : ''}`;
  const who = s.pid ? `pid ${s.pid}, started ${s.startedAt}` : 'not started by local-kafka';
  return `Apache Kafka ${s.version} answering on ${s.brokers} (${who})`;
}

const COMMANDS = {
  async start(options) {
    const r = await ensureKafka(options);
    const pid = r.pid ? `pid ${r.pid}, ` : '';
    console.log(
      `Apache Kafka ${r.version} ready on ${r.brokers} (${pid}${r.started ? 'started' : 'reused'})`,
    );
  },
  async stop(options) {
    await stopKafka(options);
  },
  async status(options) {
    console.log(formatStatus(await kafkaStatus(options)));
  },
  async fetch(options) {
    const r = await fetchKafka(options);
    console.log(
      `Apache Kafka ${r.version} jars ${r.fetched ? 'fetched to' : 'already cached in'} ${r.libsDir}`,
    );
  },
};

async function main(argv) {
  let cli;
  try {
    cli = cliOptions(argv);
  } catch (err) {
    console.error(`${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (cli.help) {
    console.log(USAGE);
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, cli.command ?? '') || cli.extra.length > 0) {
    console.error(
      `${cli.command ? `unknown command: ${[cli.command, ...cli.extra].join(' ')}\n\n` : ''}${USAGE}`,
    );
    return 2;
  }
  try {
    await COMMANDS[cli.command](cli.options);
    return 0;
  } catch (err) {
    console.error(`local-kafka: ${err.message}`);
    return 1;
  }
}

module.exports = { KAFKA_VERSION, ensureKafka, stopKafka, kafkaStatus, fetchKafka };

if (require.main === module) {
  // Explicit exit: nothing (probe sockets, timers) may keep the launcher alive; the broker is detached.
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
