// Performance benchmark of the release build: `make bench` (after `make dist sandbox`).
//
// Starts its own sandbox (API + dist/ on loopback, free ports from 19787), drives Debian Chromium
// through Playwright, prints one table and writes it to bench/RESULTS.md with the machine and the
// date. Every timing is measured inside the page (performance.now(), navigation start = 0): a
// MutationObserver notes when the awaited element is in the DOM and visible, and the next
// animation frame stands for "painted". Each scenario has warm-up runs that are not counted; the
// median and the spread (min-max, p95) of the counted runs are reported.
//
// Environment: BENCH_RUNS (cold-start runs, default 15), BENCH_NAV_RUNS (navigation laps,
// default 7), CHROMIUM_PATH, SANDBOX_BIN, DIST_DIR, FLOOR_DIST_DIR (the floor app's build, default
// bench/floor/dist), BENCH_PORT (first port tried, default 19787), BENCH_OUT (default
// bench/RESULTS.md), BENCH_ONLY (a comma list of cold,nav,scale,memory,disputes,insights,floor: run
// only those, print the table and write no file unless BENCH_OUT is set; for working on one
// figure), BENCH_INSIGHTS_RUNS (dispute insights runs, default 7), BENCH_TRACE_RUNS (traced runs of
// the 1,000-row table, default 3), BENCH_TRACE_DIR (keep those traces there, for DevTools),
// BENCH_MEMORY_RUNS (memory runs of 20 laps each, default 3).
//
// Sections: cold (cold starts), nav (navigation laps and their API requests), scale (the orders
// table at 20 to 1,000 rows, then the 1,000 rows traced: a DevTools trace of the renderer main
// thread splits the time from the API answer to all rows painted into script, style and layout,
// paint and other/idle; tracing slows the page, so these runs are not the timed ones), memory (JS
// heap and wasm linear memory after 1 and after 20 laps orders -> order -> disputes -> wallet ->
// orders, clicked in one tab, after forced GC), disputes, insights, floor (below).
//
// The floor (bench/floor, built by `make bench`): the smallest Leptos CSR app that reads the same
// stored session, fetches the same GET /orders and renders the same columns as plain rows, served
// by a second sandbox (static files only; it calls the first one's API, as the portal does). The
// `floor` section measures the portal and the floor in turn, run by run, and reports the portal's
// bytes, first-row time and 100/1,000-row times as multiples of the floor's: ratios that move far
// less with the machine than the absolute figures.

import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.resolve(process.env.DIST_DIR || path.join(ROOT, 'dist'));
const FLOOR_DIST = path.resolve(process.env.FLOOR_DIST_DIR || path.join(ROOT, 'bench/floor/dist'));
const SANDBOX_BIN = process.env.SANDBOX_BIN || path.join(ROOT, 'target/debug/lumo-sandbox');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_RUNS || 15);
const NAV_RUNS = Number(process.env.BENCH_NAV_RUNS || 7);
const INSIGHTS_RUNS = Number(process.env.BENCH_INSIGHTS_RUNS || 7);
// The insights scenario: about this many orders and disputes, all within its 365-day period.
const INSIGHTS_ORDERS = 10_000;
const INSIGHTS_DISPUTES = 500;
const WARMUP = 2;
// The memory section: laps of orders -> order -> disputes -> wallet -> orders, and the goal for
// the growth from after lap 1 to after the last.
const MEMORY_LAPS = 20;
const MEMORY_GOAL = 5;
const MEMORY_RUNS = Number(process.env.BENCH_MEMORY_RUNS || 3);
// Traced runs of the 1,000-row table (scale section), apart from its timed runs.
const TRACE_RUNS = Number(process.env.BENCH_TRACE_RUNS || 3);
// Where to keep those traces (JSON, for DevTools' Performance panel); unset: not kept.
const TRACE_DIR = process.env.BENCH_TRACE_DIR ? path.resolve(process.env.BENCH_TRACE_DIR) : null;
const SCALE_ROWS = [20, 50, 100, 200, 1000];
// The floor section: table sizes timed for both apps, and the goal for every portal/floor ratio.
const FLOOR_ROWS = [100, 1000];
const FLOOR_GOAL = 2;
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const want = (section) => !ONLY || ONLY.has(section);
const OUT = process.env.BENCH_OUT || !ONLY ? path.resolve(process.env.BENCH_OUT || path.join(ROOT, 'bench/RESULTS.md')) : null;

const DEMO_KEY = 'lb2b_0123456789abcdef0123456789abcdef';
const DEMO_COMPANY_ID = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

const SEL = {
  apiKeyInput: '#login-api-key',
  orderRow: 'table.orders-table tbody tr[data-order-id]',
  orderRowLink: 'table.orders-table tbody tr[data-order-id] a',
  orderDetail: '[data-testid="order-status"]',
  disputeCard: '[data-testid="dispute-card"]',
  disputesLoaded: '[data-testid="dispute-card"], [data-testid="disputes-empty"]',
  navDisputes: 'a[href="/disputes"]',
  navOrders: 'a[href="/orders"]',
  navWallet: 'a[href="/wallet"]',
  walletLoaded: '[data-testid="balance-usdt"]',
  insightsFigures: '[data-testid="stat-opened"]',
  insightsComplete: '[data-testid="insights-page"][data-complete="true"]',
};

// ---------------------------------------------------------------- helpers

const started = Date.now();
const log = (...args) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s]`, ...args);

function stats(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const q = (p) => v[Math.min(v.length - 1, Math.ceil(p * v.length) - 1)];
  const mid = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  return { median: mid, min: v[0], max: v[v.length - 1], p95: q(0.95), n: v.length };
}

const ms = (x) => (x == null ? 'n/a' : `${Math.round(x)} ms`);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const int = (n) => n.toLocaleString('en-US');

/** `promise`, or an error naming `what` after `ms`: a page that never shows what is awaited
 * (its renderer gone, an API error on screen) stops the benchmark instead of hanging it. */
async function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
const PAGE_TIMEOUT = 60_000;

async function freePort(from) {
  for (let port = from; port < from + 200; port++) {
    const ok = await new Promise((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error(`no free port from ${from}`);
}

async function waitForHttp(url, deadlineMs) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch { /* not yet */ }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing answered at ${url}`);
}

// ---------------------------------------------------------------- in-page probe

// Installed before any page script. `__benchWait(selector, opts)` resolves with the time the
// first visible match not present when it was armed is in the DOM (`dom`), the time of the next
// animation frame (`paint`), and how many matches there are then; with `opts.mark`, that frame
// also emits a performance.mark of that name, which a DevTools trace records (blink.user_timing)
// with both its trace timestamp and its performance.now() time: the bridge between the two clocks.
// Trunk's bootstrap (index.html) dispatches TrunkApplicationStarted with the wasm exports once
// the app is started; their linear memory is kept for the memory section.
const PROBE = `(() => {
  const visible = (e) => e.getClientRects().length > 0 && !e.disabled;
  window.__benchClicks = [];
  addEventListener('click', (e) => window.__benchClicks.push(e.timeStamp), true);
  addEventListener('TrunkApplicationStarted', (e) => { window.__benchWasmMemory = e.detail && e.detail.wasm && e.detail.wasm.memory; });
  window.__benchWait = (selector, opts = {}) => new Promise((resolve) => {
    const minCount = opts.minCount || 1;
    const seen = new WeakSet();
    if (opts.fresh) document.querySelectorAll(selector).forEach((e) => seen.add(e));
    let done = false;
    const check = () => {
      if (done) return;
      const found = [...document.querySelectorAll(selector)].filter((e) => !seen.has(e) && visible(e));
      if (found.length >= minCount) {
        done = true;
        observer.disconnect();
        const dom = performance.now();
        requestAnimationFrame(() => {
          const paint = performance.now();
          if (opts.mark) performance.mark(opts.mark);
          resolve({ dom, paint, count: found.length });
        });
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true, attributes: true });
    check();
  });
  const cold = window.__benchColdSelector;
  if (cold) window.__benchCold = window.__benchWait(cold);
})();`;

function sessionScript(api) {
  const session = {
    apiKey: DEMO_KEY,
    environment: { id: 'sandbox', name: 'Sandbox', apiBaseUrl: api },
    companyId: DEMO_COMPANY_ID,
    companyName: 'Demo Company',
    remember: true,
  };
  return `try { localStorage.setItem('lumo.session', ${JSON.stringify(JSON.stringify(session))}); } catch (e) {}`;
}

// ---------------------------------------------------------------- bytes

function assetSizes(dir = DIST) {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const referenced = new Set(
    [...html.matchAll(/(?:href|src)="\/?([^"?#]+\.(?:js|wasm|css))"/g)].map((m) => m[1]),
  );
  const files = [['index.html', 'index.html']];
  for (const name of fs.readdirSync(dir).sort()) {
    if (!/\.(js|wasm|css)$/.test(name)) continue;
    if (referenced.size && !referenced.has(name)) continue;
    const kind = name.endsWith('.wasm') ? 'wasm' : name.endsWith('.js') ? 'JS' : 'CSS';
    files.push([kind, name]);
  }
  if (fs.existsSync(path.join(dir, 'config.json'))) files.push(['config.json', 'config.json']);
  return files.map(([kind, name]) => {
    const data = fs.readFileSync(path.join(dir, name));
    return {
      kind,
      name,
      raw: data.length,
      gzip: zlib.gzipSync(data, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(data, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      }).length,
    };
  });
}

// ---------------------------------------------------------------- trace

// What a traced run records: the timeline events DevTools' Performance panel shows, V8's own
// execution events and the user timing marks; not the CPU profiler or stacks, which slow the
// page far more and are not needed to split the time by kind.
const TRACE_CATEGORIES = ['-*', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'toplevel',
  'blink.user_timing', 'loading'];
const TRACE_MARK = 'bench:all-rows-painted';
// The kinds the time is split into, by the names of the renderer main thread's trace events.
// GC is V8's (it runs for the script that allocates), as DevTools counts it.
const TRACE_KINDS = {
  script: new Set(['FunctionCall', 'EvaluateScript', 'v8.evaluateModule', 'v8.compile', 'v8.compileModule', 'CompileScript',
    'v8.run', 'v8.callFunction', 'RunMicrotasks', 'TimerFire', 'FireAnimationFrame', 'FireIdleCallback', 'EventDispatch',
    'XHRReadyStateChange', 'XHRLoad', 'MinorGC', 'MajorGC']),
  styleLayout: new Set(['UpdateLayoutTree', 'RecalculateStyles', 'Layout', 'PrePaint']),
  paint: new Set(['Paint', 'PaintImage', 'CompositeLayers', 'Layerize', 'UpdateLayer', 'Commit', 'RasterTask', 'Decode Image']),
};
const TRACE_LABELS = { script: 'script', styleLayout: 'style and layout', paint: 'paint', other: 'other/idle' };

function traceKind(name) {
  if (/^v8\.wasm\.|^wasm\./.test(name)) return 'script';
  for (const [kind, names] of Object.entries(TRACE_KINDS)) if (names.has(name)) return kind;
  return null;
}

/**
 * Splits the renderer main thread's time from `answerAt` (performance.now() ms) to the end of the
 * frame that painted the mark `TRACE_MARK` into TRACE_KINDS and other/idle, in ms. Every instant
 * goes to the innermost classified event running then (a layout forced by script is layout, a GC
 * inside a function call is script), so nested events are not counted twice; unclassified events
 * (the task wrappers) are transparent. Null if the mark is not in the trace.
 */
function traceSplit(trace, answerAt) {
  const events = trace.traceEvents || trace;
  const mark = events.find((e) => e.name === TRACE_MARK && e.cat?.includes('blink.user_timing'));
  const markTime = mark?.args?.data?.startTime;
  if (markTime == null) return null;
  // The mark carries both clocks: trace µs = performance.now() ms * 1000 + offset. It is emitted
  // on the page's main thread, which also names the thread to count.
  const offset = mark.ts - markTime * 1000;
  const onMain = events.filter((e) => e.ph === 'X' && e.pid === mark.pid && e.tid === mark.tid && e.dur != null);
  const start = offset + answerAt * 1000;
  // The mark is emitted from the frame's requestAnimationFrame callback, before that frame's
  // style, layout, paint and commit: the window ends with the task that runs them all.
  const end = Math.max(mark.ts, ...onMain.filter((e) => e.ts <= mark.ts && e.ts + e.dur >= mark.ts).map((e) => e.ts + e.dur));
  const classified = onMain
    .map((e) => ({ kind: traceKind(e.name), from: e.ts, to: e.ts + e.dur }))
    .filter((e) => e.kind && e.to > start && e.from < end)
    .sort((a, b) => a.from - b.from || b.to - a.to);
  const time = { script: 0, styleLayout: 0, paint: 0, other: 0 };
  let cursor = start;
  const stack = [];
  const advance = (to) => {
    const from = Math.max(cursor, start);
    const until = Math.min(to, end);
    if (until > from) time[stack.length ? stack[stack.length - 1].kind : 'other'] += until - from;
    cursor = Math.max(cursor, to);
  };
  // Up to its end, an event's time is its own (it is on top); then it leaves the stack.
  const close = () => {
    advance(stack[stack.length - 1].to);
    stack.pop();
  };
  for (const event of classified) {
    while (stack.length && stack[stack.length - 1].to <= event.from) close();
    advance(event.from);
    // A child never outlasts its parent; clipping keeps the sweep sound if the trace says otherwise.
    if (stack.length) event.to = Math.min(event.to, stack[stack.length - 1].to);
    stack.push(event);
  }
  while (stack.length) close();
  advance(end);
  const msOf = (us) => us / 1000;
  // The /orders answer's ResourceFinish finishTime (s, trace clock) is the same instant as its
  // responseEnd: a check that the two clocks were bridged right.
  const finish = events.filter((e) => e.name === 'ResourceFinish' && e.args?.data?.finishTime && e.pid === mark.pid)
    .map((e) => e.args.data.finishTime * 1e6).filter((t) => Math.abs(t - start) < 50_000)
    .sort((a, b) => Math.abs(a - start) - Math.abs(b - start))[0];
  if (finish == null || Math.abs(finish - start) > 2000) {
    log(`trace: no ResourceFinish within 2 ms of the answer's responseEnd (${finish == null ? 'none near' : `${msOf(finish - start).toFixed(1)} ms off`})`);
  }
  return {
    total: msOf(end - start),
    script: msOf(time.script),
    styleLayout: msOf(time.styleLayout),
    paint: msOf(time.paint),
    other: msOf(time.other),
  };
}

// ---------------------------------------------------------------- scenarios

async function newPage(browser, { session, coldSelector, throttle, api }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (coldSelector) await context.addInitScript(`window.__benchColdSelector = ${JSON.stringify(coldSelector)};`);
  await context.addInitScript(PROBE);
  if (session) await context.addInitScript(sessionScript(api));
  const page = await context.newPage();
  page.on('pageerror', (error) => log('page error:', error.message));
  page.on('crash', () => log('page crashed:', page.url()));
  if (throttle) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  }
  return { context, page };
}

/** Navigation start -> `selector` painted, in a fresh context (cold HTTP cache): one run. */
async function coldStartOnce(browser, env, { url, selector, session, throttle }) {
  const { context, page } = await newPage(browser, { session, coldSelector: selector, throttle, api: env.api });
  try {
    await page.goto(env.portal + url, { waitUntil: 'commit' });
    const result = await withTimeout(page.evaluate(() => window.__benchCold), PAGE_TIMEOUT, `${env.portal}${url}: ${selector}`);
    return result.paint;
  } finally {
    await context.close();
  }
}

/** Navigation start -> `selector` painted, in a fresh context (cold HTTP cache) per run. */
async function coldStart(browser, env, opts) {
  const values = [];
  for (let i = 0; i < WARMUP + opts.runs; i++) {
    const value = await coldStartOnce(browser, env, opts);
    if (i >= WARMUP) values.push(value);
  }
  return stats(values);
}

/** Collects API requests and responses of the page, by window. */
function apiRecorder(page, api) {
  const events = [];
  page.on('request', (request) => {
    if (request.url().startsWith(api)) events.push({ request, method: request.method(), url: request.url(), at: Date.now() });
  });
  let mark = 0;
  return {
    /** Requests since the last call, with the total of their response bodies. */
    async take() {
      const batch = events.slice(mark);
      mark = events.length;
      let bytes = 0;
      for (const event of batch) {
        try {
          const response = await event.request.response();
          if (response) bytes += (await response.body()).length;
        } catch { /* aborted */ }
      }
      const seen = new Map();
      for (const event of batch) {
        const key = `${event.method} ${event.url}`;
        seen.set(key, (seen.get(key) || 0) + 1);
      }
      const duplicates = [...seen.entries()].filter(([, n]) => n > 1).map(([key, n]) => `${key} x${n}`);
      return {
        count: batch.filter((e) => e.method !== 'OPTIONS').length,
        preflights: batch.filter((e) => e.method === 'OPTIONS').length,
        duplicates,
        bytes,
        urls: batch.map((e) => `${e.method} ${e.url.slice(api.length)}`),
      };
    },
  };
}

const settle = (page, msDelay = 400) => page.waitForTimeout(msDelay);

/** Click `target`, then wait for a new `selector`; returns click -> painted. */
async function clickTo(page, target, selector) {
  const clicks = await page.evaluate(() => window.__benchClicks.length);
  const waiting = page.evaluate((s) => window.__benchWait(s, { fresh: true }).then((r) => (window.__benchLast = r)), selector);
  await page.locator(target).first().click();
  const result = await waiting;
  const clickAt = await page.evaluate((n) => window.__benchClicks[n], clicks);
  return result.paint - clickAt;
}

async function backTo(page, selector) {
  const waiting = page.evaluate((s) => window.__benchWait(s, { fresh: true }), selector);
  const before = await page.evaluate(() => performance.now());
  await page.goBack({ waitUntil: 'commit' });
  const result = await waiting;
  return result.paint - before;
}

/**
 * Orders -> order detail -> disputes -> orders, twice per fresh context: the first lap loads
 * everything from the API, the second (within 30 s) finds it cached. Then back to the order
 * from the orders page and back again.
 */
async function navigation(browser, env, runs) {
  const steps = ['orders -> order', 'order -> disputes', 'disputes -> orders'];
  const times = { cold: steps.map(() => []), cached: steps.map(() => []), back: [] };
  const requests = {};
  for (let i = 0; i < WARMUP + runs; i++) {
    const { context, page } = await newPage(browser, { session: true, coldSelector: SEL.orderRow, api: env.api });
    const recorder = apiRecorder(page, env.api);
    const keep = i >= WARMUP;
    const note = async (label) => {
      await settle(page);
      const taken = await recorder.take();
      if (keep) (requests[label] ||= []).push(taken);
    };
    try {
      await page.goto(env.portal + '/orders', { waitUntil: 'commit' });
      await page.evaluate(() => window.__benchCold);
      await note('cold start at /orders');
      for (const lap of ['cold', 'cached']) {
        const name = lap === 'cold' ? 'lap 1' : 'lap 2, cached';
        const t1 = await clickTo(page, SEL.orderRowLink, SEL.orderDetail);
        await note(`orders -> order (${name})`);
        const t2 = await clickTo(page, SEL.navDisputes, SEL.disputesLoaded);
        await note(`order -> disputes (${name})`);
        const t3 = await clickTo(page, SEL.navOrders, SEL.orderRow);
        await note(`disputes -> orders (${name})`);
        if (keep) [t1, t2, t3].forEach((t, n) => times[lap][n].push(t));
      }
      await clickTo(page, SEL.orderRowLink, SEL.orderDetail);
      await note('orders -> order (third visit)');
      const tb = await backTo(page, SEL.orderRow);
      if (keep) times.back.push(tb);
      await note('back to orders (< 30 s)');
    } finally {
      await context.close();
    }
  }
  return { steps, times, requests };
}

/** JS heap used and wasm linear memory (bytes; wasm null if the exports were not reached), after
 * two forced GCs: the second collects what the first one's finalizers released. */
async function memoryNow(page, cdp) {
  await settle(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => (window.__benchWasmMemory ? window.__benchWasmMemory.buffer.byteLength : null));
  return { js: usedSize, wasm };
}

/**
 * Memory after 1 and after MEMORY_LAPS laps of orders -> an order -> disputes -> wallet ->
 * orders, by clicks in one tab (a page.goto would reload and start the heap afresh), one fresh
 * context per run. Growth between the two is what a leak per navigation would show; wasm linear
 * memory never shrinks, so any growth there is memory the app still holds or once needed.
 */
async function memory(browser, env, runs) {
  const readings = [];
  for (let i = 0; i < runs; i++) {
    const { context, page } = await newPage(browser, { session: true, coldSelector: SEL.orderRow, api: env.api });
    try {
      const cdp = await context.newCDPSession(page);
      await page.goto(env.portal + '/orders', { waitUntil: 'commit' });
      await withTimeout(page.evaluate(() => window.__benchCold), PAGE_TIMEOUT, `${env.portal}/orders: first row`);
      const reading = {};
      for (let lap = 1; lap <= MEMORY_LAPS; lap++) {
        await clickTo(page, SEL.orderRowLink, SEL.orderDetail);
        await clickTo(page, SEL.navDisputes, SEL.disputesLoaded);
        await clickTo(page, SEL.navWallet, SEL.walletLoaded);
        await clickTo(page, SEL.navOrders, SEL.orderRow);
        if (lap === 1) reading.first = await memoryNow(page, cdp);
      }
      reading.last = await memoryNow(page, cdp);
      readings.push(reading);
    } finally {
      await context.close();
    }
  }
  const growth = (kind) => readings.map((r) => (r.first[kind] && r.last[kind] != null ? (r.last[kind] / r.first[kind] - 1) * 100 : null));
  const figures = (kind) => ({
    first: stats(readings.map((r) => r.first[kind])),
    last: stats(readings.map((r) => r.last[kind])),
    growth: stats(growth(kind)),
  });
  return { js: figures('js'), wasm: figures('wasm'), runs: readings.length };
}

/**
 * API response -> table painted at a page size, one run: { first, all } (ms after the /orders
 * answer's responseEnd to the first 20 rows and to all rows painted; null without the answer's
 * timing) and the number of rows. With `trace`, the run is recorded as a DevTools trace and
 * also returns its split (traceSplit); its times are slowed by the tracing, so kept apart.
 */
async function ordersScaleOnce(browser, env, limit, { trace = false, keepAs = null } = {}) {
  const { context, page } = await newPage(browser, { session: true, api: env.api });
  let tracing = false;
  try {
    if (trace) {
      await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      tracing = true;
    }
    await page.goto(`${env.portal}/orders${limit === 20 ? '' : `?limit=${limit}`}`, { waitUntil: 'commit' });
    // Long pages paint their top first (components/progressive.rs): time both the first
    // screen (the first 20 rows) and the whole table.
    const [first, result] = await withTimeout(page.evaluate(({ sel, limit, mark }) => Promise.all([
      window.__benchWait(sel, { minCount: Math.min(limit, 20) }),
      window.__benchWait(sel, { minCount: limit, mark }),
    ]), { sel: SEL.orderRow, limit, mark: trace ? TRACE_MARK : undefined }), PAGE_TIMEOUT, `${env.portal}/orders: ${int(limit)} rows`);
    const responseEnd = await page.evaluate(() => {
      const entries = performance.getEntriesByType('resource').filter((e) => /\/orders(\?|$)/.test(e.name));
      return entries.length ? entries[entries.length - 1].responseEnd : null;
    });
    const run = {
      first: responseEnd == null ? null : first.paint - responseEnd,
      all: responseEnd == null ? null : result.paint - responseEnd,
      rows: result.count,
    };
    if (trace) {
      // Let the frame the mark was emitted in finish (its layout, paint and commit) before stopping.
      await settle(page, 200);
      tracing = false;
      const buffer = await browser.stopTracing();
      if (keepAs) fs.writeFileSync(keepAs, buffer);
      run.trace = responseEnd == null ? null : traceSplit(JSON.parse(buffer.toString('utf8')), responseEnd);
    }
    return run;
  } finally {
    // A run that failed while tracing must not leave it on: the next startTracing would refuse.
    if (tracing) await browser.stopTracing().catch(() => {});
    await context.close();
  }
}

/** The 1,000-row table, traced: the median of each part of traceSplit over `runs` runs. */
async function ordersTrace(browser, env, limit, runs) {
  const splits = [];
  if (TRACE_DIR) fs.mkdirSync(TRACE_DIR, { recursive: true });
  for (let i = 0; i < runs; i++) {
    const keepAs = TRACE_DIR && path.join(TRACE_DIR, `orders-${limit}-rows-${i + 1}.json`);
    const run = await ordersScaleOnce(browser, env, limit, { trace: true, keepAs });
    if (run.trace) splits.push(run.trace);
    else log(`trace run ${i + 1}: no split (mark or /orders timing missing)`);
  }
  const parts = ['total', 'script', 'styleLayout', 'paint', 'other'];
  return Object.fromEntries(parts.map((part) => [part, stats(splits.map((s) => s[part]))]));
}

/** API response -> table painted at a page size: rows in the DOM after the /orders answer. */
async function ordersScale(browser, env, limit, runs) {
  const values = [];
  const firstScreen = [];
  let rows = 0;
  for (let i = 0; i < WARMUP + runs; i++) {
    const run = await ordersScaleOnce(browser, env, limit);
    rows = run.rows;
    if (i >= WARMUP && run.all != null) {
      values.push(run.all);
      firstScreen.push(run.first);
    }
  }
  return { render: stats(values), firstScreen: stats(firstScreen), rows };
}

/**
 * `once(env)` for each of `envs` in turn, WARMUP + runs rounds, the order swapped every round:
 * the apps share the machine's good and bad moments. The counted values, one list per env.
 */
async function interleaved(envs, runs, once) {
  const values = envs.map(() => []);
  for (let i = 0; i < WARMUP + runs; i++) {
    const order = envs.map((_, n) => n);
    if (i % 2) order.reverse();
    for (const n of order) {
      const value = await once(envs[n]);
      if (i >= WARMUP) values[n].push(value);
    }
  }
  return values;
}

/**
 * The portal against the floor, in turn: navigation start -> first orders row (stored session,
 * demo data), then the API answer -> all rows painted at FLOOR_ROWS (the orders seeded to 1,000).
 */
async function floorComparison(browser, env, floorEnv, control, runs) {
  const envs = [env, floorEnv];
  const cold = { url: '/orders', selector: SEL.orderRow, session: true };
  const [portalFirst, floorFirst] = await interleaved(envs, runs, (e) => coldStartOnce(browser, e, cold));
  const result = { firstRow: { portal: stats(portalFirst), floor: stats(floorFirst) }, scale: {} };
  const seeded = await (await fetch(`${env.api}/_sandbox/state`)).json();
  if (seeded.orders < 1000) await control('seed', { orders: 1000 - seeded.orders });
  for (const limit of FLOOR_ROWS) {
    const rows = [0, 0];
    const [portal, floor] = await interleaved(envs, 7, async (e) => {
      const run = await ordersScaleOnce(browser, e, limit);
      rows[e === env ? 0 : 1] = run.rows;
      return run.all;
    });
    result.scale[limit] = { portal: stats(portal), floor: stats(floor), rows };
  }
  await control('reset');
  return result;
}

async function disputesScale(browser, env, runs) {
  const values = [];
  let cards = 0;
  let total = 0;
  for (let i = 0; i < WARMUP + runs; i++) {
    const { context, page } = await newPage(browser, { session: true, api: env.api });
    try {
      await page.goto(`${env.portal}/disputes`, { waitUntil: 'commit' });
      const result = await page.evaluate((sel) => window.__benchWait(sel), SEL.disputeCard);
      // Let the list finish (it may render in more than one pass), then count.
      await settle(page, 300);
      const info = await page.evaluate((sel) => {
        const entries = performance.getEntriesByType('resource').filter((e) => /\/disputes(\?|$)/.test(e.name));
        return {
          responseEnd: entries.length ? entries[entries.length - 1].responseEnd : null,
          cards: document.querySelectorAll(sel).length,
        };
      }, SEL.disputeCard);
      cards = info.cards;
      if (i >= WARMUP && info.responseEnd != null) values.push(result.paint - info.responseEnd);
    } finally {
      await context.close();
    }
  }
  const state = await (await fetch(`${env.api}/_sandbox/state`)).json();
  total = state.disputes;
  return { render: stats(values), cards, total };
}

/**
 * Dispute insights over 365 days in a fresh context per run: navigation start -> the dispute
 * figures painted, and -> the whole page ready (the dispute rate filled in, which pages through
 * every order of the period at the contract's 100 a page, and the refunds summed).
 */
async function insights(browser, env, runs) {
  const figures = [];
  const complete = [];
  let requests = null;
  for (let i = 0; i < WARMUP + runs; i++) {
    const { context, page } = await newPage(browser, { session: true, coldSelector: SEL.insightsComplete, api: env.api });
    const recorder = apiRecorder(page, env.api);
    try {
      await page.goto(`${env.portal}/disputes/insights?days=365`, { waitUntil: 'commit' });
      const shown = page.evaluate((sel) => window.__benchWait(sel), SEL.insightsFigures);
      const [first, done] = await Promise.all([shown, page.evaluate(() => window.__benchCold)]);
      if (i >= WARMUP) {
        figures.push(first.paint);
        complete.push(done.paint);
      }
      if (i === WARMUP) {
        await settle(page);
        const taken = await recorder.take();
        const rate = await page.locator('[data-testid="stat-rate"] [data-testid="stat-value"]').textContent();
        requests = { ...taken, rate: (rate || '').trim() };
      }
    } finally {
      await context.close();
    }
  }
  const state = await (await fetch(`${env.api}/_sandbox/state`)).json();
  return { figures: stats(figures), complete: stats(complete), requests, orders: state.orders, disputes: state.disputes };
}

// ---------------------------------------------------------------- main

async function main() {
  const needed = [['dist/ (make dist)', path.join(DIST, 'index.html')], ['sandbox (make sandbox)', SANDBOX_BIN], ['Chromium', CHROMIUM]];
  if (want('floor')) needed.push(['the floor app (make bench-floor)', path.join(FLOOR_DIST, 'index.html')]);
  for (const [what, file] of needed) {
    if (!fs.existsSync(file)) throw new Error(`${what} not found at ${file}`);
  }
  const apiPort = await freePort(Number(process.env.BENCH_PORT || 19787));
  const portalPort = await freePort(apiPort + 1);
  const env = { api: `http://127.0.0.1:${apiPort}`, portal: `http://127.0.0.1:${portalPort}` };
  const floorPort = want('floor') ? await freePort(portalPort + 1) : null;
  const floorEnv = floorPort && { api: env.api, portal: `http://127.0.0.1:${floorPort}` };
  const sandbox = spawn(SANDBOX_BIN, [
    '--port', String(apiPort),
    '--static-dir', DIST,
    '--static-port', String(portalPort),
    '--config-json-override',
    // Lets GET /orders (and so the portal, through the generated config.json) take pages of up to
    // 1,000 rows, beyond the contract's 100, so the table can be timed at that size.
    '--max-page-size', '1000',
  ], { stdio: ['ignore', 'ignore', 'inherit'] });
  // The floor's files, from a second sandbox: served the same way as the portal's. Its own API
  // (any free port) and generated config.json go unused; the floor calls the first API.
  const floorSandbox = floorPort && spawn(SANDBOX_BIN, [
    '--port', '0',
    '--no-control',
    '--static-dir', FLOOR_DIST,
    '--static-port', String(floorPort),
  ], { stdio: ['ignore', 'ignore', 'inherit'] });
  const stopSandbox = () => {
    for (const child of [sandbox, floorSandbox]) {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    }
  };
  process.on('exit', stopSandbox);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { stopSandbox(); process.exit(130); });

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const control = (route, body) => fetch(`${env.api}/_sandbox/${route}`, {
    method: 'POST',
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  try {
    await waitForHttp(`${env.api}/_sandbox/state`, 15_000);
    await waitForHttp(`${env.portal}/`, 15_000);
    if (floorEnv) await waitForHttp(`${floorEnv.portal}/`, 15_000);
    await control('reset');
    log(`sandbox on ${env.api}, portal on ${env.portal}; ${RUNS} runs, ${NAV_RUNS} navigation laps, ${WARMUP} warm-up each`);

    const results = { sizes: assetSizes() };
    if (want('floor')) {
      log(`floor: the portal and the floor app (${floorEnv.portal}) in turn: first orders row, ${FLOOR_ROWS.join(' and ')} rows`);
      results.floor = { sizes: assetSizes(FLOOR_DIST), ...await floorComparison(browser, env, floorEnv, control, RUNS) };
    }
    if (want('cold')) {
      log('cold start: sign-in form');
      results.signIn = await coldStart(browser, env, { url: '/login', selector: SEL.apiKeyInput, runs: RUNS });
      log('cold start: first orders row');
      results.firstRow = await coldStart(browser, env, { url: '/orders', selector: SEL.orderRow, session: true, runs: RUNS });
      log('cold start, CPU x4: sign-in form');
      results.signIn4 = await coldStart(browser, env, { url: '/login', selector: SEL.apiKeyInput, throttle: 4, runs: RUNS });
      log('cold start, CPU x4: first orders row');
      results.firstRow4 = await coldStart(browser, env, { url: '/orders', selector: SEL.orderRow, session: true, throttle: 4, runs: RUNS });
    }
    if (want('nav')) {
      log('navigation');
      results.nav = await navigation(browser, env, NAV_RUNS);
    }
    if (want('scale')) {
      log('scale: orders table');
      results.scale = {};
      const seeded = await (await fetch(`${env.api}/_sandbox/state`)).json();
      if (seeded.orders < 1000) await control('seed', { orders: 1000 - seeded.orders });
      for (const limit of SCALE_ROWS) results.scale[limit] = await ordersScale(browser, env, limit, 7);
      log(`scale: orders table, 1,000 rows, ${TRACE_RUNS} traced runs`);
      results.trace = await ordersTrace(browser, env, 1000, TRACE_RUNS);
      await control('reset');
    }
    if (want('memory')) {
      log(`memory: ${MEMORY_LAPS} laps orders -> order -> disputes -> wallet -> orders, runs: ${MEMORY_RUNS}`);
      results.memory = await memory(browser, env, MEMORY_RUNS);
    }
    if (want('disputes')) {
      log('scale: 500 disputes');
      const state = await (await fetch(`${env.api}/_sandbox/state`)).json();
      if (state.disputes < 500) await control('seed', { disputes: 500 - state.disputes });
      results.disputes = await disputesScale(browser, env, 5);
      await control('reset');
    }
    if (want('insights')) {
      log(`dispute insights: ${int(INSIGHTS_ORDERS)} orders, ${INSIGHTS_DISPUTES} disputes, 365 days`);
      const state = await (await fetch(`${env.api}/_sandbox/state`)).json();
      await control('seed', {
        orders: Math.max(0, INSIGHTS_ORDERS - state.orders),
        disputes: Math.max(0, INSIGHTS_DISPUTES - state.disputes),
      });
      results.insights = await insights(browser, env, INSIGHTS_RUNS);
      await control('reset');
    }

    const report = render(results);
    process.stdout.write(report);
    if (OUT) {
      fs.mkdirSync(path.dirname(OUT), { recursive: true });
      fs.writeFileSync(OUT, report);
      log(`written to ${path.relative(ROOT, OUT)}`);
    }
  } finally {
    await browser.close();
    stopSandbox();
  }
}

// ---------------------------------------------------------------- report

function machine() {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = (cpuinfo.match(/^model name\s*:\s*(.+)$/m) || [])[1] || os.cpus()[0]?.model || 'unknown';
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' / ');
  return `${os.cpus().length} CPUs (nproc), ${model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, `
    + `load average ${load} (1/5/15 min) at the end, ${os.type()} ${os.release()}`;
}

/** The memory rows: each figure after lap 1 and after the last, and the growth against the goal. */
function renderMemory(memory, row) {
  const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
  const spread = (s, unit) => (s ? `${unit(s.min)}–${unit(s.max)} (n=${s.n})` : '');
  const pct = (x) => `${x >= 0 ? '+' : ''}${x.toFixed(1)} %`;
  const kinds = [
    ['JS heap used', memory.js, 'CDP Runtime.getHeapUsage usedSize after HeapProfiler.collectGarbage twice'],
    ['wasm linear memory', memory.wasm, 'memory.buffer.byteLength of the wasm exports (Trunk\'s TrunkApplicationStarted event); it only grows, never shrinks'],
  ];
  for (const [name, figures, how] of kinds) {
    if (!figures.first) {
      row(`memory: ${name}`, 'n/a', '', `growth <= ${MEMORY_GOAL} %`, 'not reached: no TrunkApplicationStarted event with the wasm exports was seen');
      continue;
    }
    row(`memory: ${name} after lap 1`, mib(figures.first.median), spread(figures.first, mib), '', how);
    row(`memory: ${name} after lap ${MEMORY_LAPS}`, mib(figures.last.median), spread(figures.last, mib), '', '');
    const g = figures.growth;
    row(`**memory: ${name} growth, lap 1 -> ${MEMORY_LAPS}**`, g ? `**${pct(g.median)}**` : 'n/a', g ? `${pct(g.min)} – ${pct(g.max)} (n=${g.n})` : '',
      `<= ${MEMORY_GOAL} %`, g ? `${g.median <= MEMORY_GOAL ? 'met' : 'not met'}; laps of orders -> order -> disputes -> wallet -> orders by clicks in one tab, `
        + `stored session, one fresh context per run; median of the runs' own growths` : '');
  }
}

/** The floor section: the portal's figures as multiples of the floor app's (markdown lines). */
function renderFloor(sizes, floor) {
  const total = (list) => list.reduce((n, f) => n + f.brotli, 0);
  const spread = (s) => (s ? `${ms(s.min)}–${ms(s.max)}, p95 ${ms(s.p95)} (n=${s.n})` : '');
  const rows = [];
  const row = (figure, portal, floorValue, ratio, note) => {
    const verdict = ratio == null ? 'n/a' : ratio <= FLOOR_GOAL ? 'met' : 'not met';
    rows.push(`| ${figure} | ${portal} | ${floorValue} | ${ratio == null ? 'n/a' : `**${ratio.toFixed(2)}x**`} | ${verdict} | ${note} |`);
  };
  const ratio = (a, b) => (a != null && b != null && b > 0 ? a / b : null);
  const [portalBytes, floorBytes] = [total(sizes), total(floor.sizes)];
  row('bytes: cold visit total (brotli -q 11)', `${int(portalBytes)} B`, `${int(floorBytes)} B`, ratio(portalBytes, floorBytes),
    `floor: ${floor.sizes.map((f) => `${f.kind} ${int(f.brotli)} B`).join(', ')}; same method as the bytes rows above`);
  const timing = (figure, pair, note) => row(figure, pair.portal ? ms(pair.portal.median) : 'n/a', pair.floor ? ms(pair.floor.median) : 'n/a',
    ratio(pair.portal?.median, pair.floor?.median), `${note}; spread portal ${spread(pair.portal)}, floor ${spread(pair.floor)}`);
  timing('navigation -> first orders row painted', floor.firstRow, 'stored session, demo data, fresh context per run');
  for (const limit of FLOOR_ROWS) {
    const s = floor.scale[limit];
    timing(`API answer -> all ${int(limit)} rows painted`, s, `rows counted: portal ${int(s.rows[0])}, floor ${int(s.rows[1])}`);
  }
  return [
    '',
    '## The portal against the floor',
    '',
    'The floor (`bench/floor`, built by `make bench` with the same Trunk, tools and release profile): the smallest Leptos 0.8 CSR app that'
      + ' reads the same stored session, fetches the same `GET /orders?limit=N&offset=0` from the same sandbox and renders the same seven'
      + ' columns as plain text rows (no styling, formatting, caching, progressive rendering or navigation), served by a second sandbox'
      + ` as static files. Both apps measured in this section, one run each in turn (${WARMUP} warm-up rounds, then ${RUNS} rounds for the`
      + ' first row and 7 per table size), so their medians share the machine\'s load; the portal\'s figures here are from these runs, not'
      + ` the ones above. Ratio: portal median / floor median. Goal: at most ${FLOOR_GOAL}x on each.`,
    '',
    `| figure | portal | floor | portal/floor | goal (<= ${FLOOR_GOAL}x) | note |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ];
}

function render({ sizes, signIn, firstRow, signIn4, firstRow4, nav, scale, trace, memory, disputes, insights, floor }) {
  const rows = [];
  const row = (metric, median, spread, target, note) => rows.push(`| ${metric} | ${median} | ${spread} | ${target} | ${note} |`);
  const timing = (metric, s, target, note = '') => row(metric, s ? ms(s.median) : 'n/a',
    s ? `${ms(s.min)}–${ms(s.max)}, p95 ${ms(s.p95)} (n=${s.n})` : '', target, note);

  let totalRaw = 0; let totalGz = 0; let totalBr = 0;
  for (const f of sizes) {
    totalRaw += f.raw; totalGz += f.gzip; totalBr += f.brotli;
    row(`bytes: ${f.kind} (${f.name})`, `${int(f.brotli)} B br`, `raw ${int(f.raw)} / gzip -9 ${int(f.gzip)} / brotli -q 11 ${int(f.brotli)}`, '', '');
  }
  const wasmBr = sizes.find((f) => f.kind === 'wasm')?.brotli;
  row('**bytes: cold visit total (brotli)**', `**${int(totalBr)} B (${kb(totalBr)})**`, `raw ${int(totalRaw)} / gzip ${int(totalGz)}`, '<= 200 KB (204,800 B)',
    totalBr <= 204_800 ? 'met' : `not met: ${kb(totalBr - 204_800)} over (wasm ${int(wasmBr || 0)} B br)`);

  if (signIn) {
    timing('cold start: navigation -> sign-in form interactive', signIn, '', 'API key input visible and enabled');
    timing('**cold start: navigation -> first orders row painted**', firstRow, '<= 250 ms', 'stored session (localStorage); includes config.json + GET /orders');
    timing('cold start, CPU x4: navigation -> sign-in form', signIn4, '', 'Emulation.setCPUThrottlingRate 4');
    timing('**cold start, CPU x4: navigation -> first orders row**', firstRow4, '<= 800 ms', 'stored session; Emulation.setCPUThrottlingRate 4');
  }

  nav?.steps.forEach((step, n) => {
    timing(`navigation: ${step}, lap 1`, stats(nav.times.cold[n]), '', 'click -> content painted; first time in this tab (see requests below)');
    timing(`**navigation: ${step}, lap 2 (cached, < 30 s)**`, stats(nav.times.cached[n]), '<= 100 ms', 'click -> content painted; the same views again');
  });
  if (nav) timing('navigation: back to orders (< 30 s)', stats(nav.times.back), '<= 100 ms', 'history.back() -> rows painted');

  // The issue's targets (medians): any list's first screen, the 100-row page and the 1,000 rows.
  const firstScreenTarget = { 100: '<= 50 ms', 1000: '<= 50 ms' };
  const allRowsTarget = { 100: '<= 60 ms', 1000: '<= 250 ms' };
  const bold = (label, target) => (target ? `**${label}**` : label);
  for (const limit of scale ? SCALE_ROWS : []) {
    const s = scale[limit];
    const beyond = limit > 100 ? '; a page beyond the contract\'s 100 (sandbox --max-page-size 1000, config.json maxPageSize)' : '';
    const rowsLabel = `scale: orders table, ${int(limit)} rows`;
    if (limit > 20) {
      timing(bold(`${rowsLabel}: first screen`, firstScreenTarget[limit]), s.firstScreen, firstScreenTarget[limit] || '',
        `API answer (responseEnd) -> the first 20 rows painted (decode + first chunk)${beyond}`);
    }
    timing(bold(`${rowsLabel}: all rows`, allRowsTarget[limit]), s.render, allRowsTarget[limit] || '',
      `API answer (responseEnd) -> all ${int(s.rows)} rows painted${beyond}`);
  }
  if (trace) {
    timing('trace: orders table, 1,000 rows: window', trace.total, '', `${TRACE_RUNS} traced runs, apart from the timed ones (tracing slows the page):`
      + ' from the /orders answer\'s responseEnd (mapped onto the trace clock by the performance.mark emitted when all rows are painted, checked'
      + ' against the answer\'s ResourceFinish) to the end of the main-thread task of that frame (its style, layout, paint, commit); the'
      + ' rows below split it by the renderer main thread\'s events, each instant to the innermost classified one (no double counting)');
    for (const part of ['script', 'styleLayout', 'paint', 'other']) {
      const what = {
        script: 'FunctionCall, EvaluateScript, RunMicrotasks, TimerFire, FireAnimationFrame, EventDispatch, compile, wasm, GC: JS and wasm',
        styleLayout: 'UpdateLayoutTree, RecalculateStyles, Layout, PrePaint',
        paint: 'Paint, PaintImage, Layerize, UpdateLayer, CompositeLayers, Commit, RasterTask (main thread)',
        other: 'the rest of the window: other main-thread tasks and idle (waiting on timers, frames, the network)',
      }[part];
      timing(`trace: orders table, 1,000 rows: ${TRACE_LABELS[part]}`, trace[part], '', what);
    }
  }
  if (memory) renderMemory(memory, row);
  if (disputes) timing(`scale: disputes page, ${disputes.total} disputes`, disputes.render, '', `API answer -> first card painted; ${disputes.cards} cards rendered`);
  if (insights) {
    const r = insights.requests;
    const pages = r ? r.urls.filter((u) => u.startsWith('GET /orders?')).length : 0;
    const lookups = r ? r.urls.filter((u) => /^GET \/orders\/[^?]+$/.test(u)).length : 0;
    const what = `${int(insights.orders)} orders, ${int(insights.disputes)} disputes`;
    timing(`insights (365 days, ${what}): navigation -> dispute figures painted`, insights.figures, '',
      'stored session; config.json + GET /disputes; fresh context per run');
    timing(`**insights (365 days, ${what}): navigation -> whole page ready**`, insights.complete, '< 1.5 s',
      r ? `rate "${r.rate}" filled in and refunds summed: ${r.count} API requests (${pages} GET /orders pages of 100, ${lookups} GET /orders/{id}, `
        + `${r.preflights} preflights, ${kb(r.bytes)})${r.duplicates.length ? `; DUPLICATES: ${r.duplicates.join(', ')}` : ''}` : '');
  }

  const labels = Object.keys(nav?.requests ?? {});
  let duplicatesTotal = 0;
  for (const label of labels) {
    const takes = nav.requests[label];
    const counts = takes.map((t) => t.count);
    const bytes = takes.map((t) => t.bytes);
    const dups = [...new Set(takes.flatMap((t) => t.duplicates))];
    duplicatesTotal += takes.reduce((n, t) => n + t.duplicates.length, 0);
    const urls = [...new Set(takes.flatMap((t) => t.urls.filter((u) => !u.startsWith('OPTIONS')).map((u) => u.replace(/\/orders\/[0-9a-f-]{36}/, '/orders/:id'))))];
    const c = stats(counts); const b = stats(bytes);
    const target = label.startsWith('back') || label.includes('cached') ? '0 requests' : 'no duplicates';
    row(`requests: ${label}`, `${c.median} req, ${kb(b.median)}`, `${c.min}–${c.max} req; preflights ${stats(takes.map((t) => t.preflights)).median}`, target,
      `${dups.length ? `DUPLICATES: ${dups.join(', ')}; ` : ''}${urls.join(', ') || 'none'}`);
  }
  if (nav) row('**requests: duplicate API requests (all navigations)**', String(duplicatesTotal), '', '0', 'same method + URL twice within one navigation');

  const date = new Date().toISOString().replace('T', ' ').replace(/\..+/, ' UTC');
  const settings = ['DIST_DIR', 'FLOOR_DIST_DIR', 'SANDBOX_BIN', 'CHROMIUM_PATH', 'BENCH_RUNS', 'BENCH_NAV_RUNS', 'BENCH_INSIGHTS_RUNS',
    'BENCH_TRACE_RUNS', 'BENCH_TRACE_DIR', 'BENCH_MEMORY_RUNS', 'BENCH_ONLY']
    .filter((name) => process.env[name]).map((name) => `${name}=${process.env[name]} `).join('');
  return [
    '# Performance benchmark (`make bench`)',
    '',
    `Run: \`${settings}node end2end/bench/run.mjs\` (\`make bench\` runs it after building).`,
    `Date: ${date}. Machine: ${machine()}. Chromium: ${CHROMIUM} (headless). Build: ${path.relative(ROOT, DIST) || DIST}/ (release).`,
    `Method: ${WARMUP} warm-up runs per scenario, then ${RUNS} runs (cold start), ${NAV_RUNS} laps (navigation), 7 (orders scale) and ${TRACE_RUNS} traced`
      + ` (1,000 rows), 5 (disputes scale), ${INSIGHTS_RUNS} (insights), ${MEMORY_RUNS} of ${MEMORY_LAPS} laps (memory, no warm-up);`
      + ' a fresh browser context per run (cold HTTP cache). Times from navigation start or from the click (event timestamp) to the next animation'
      + ' frame after the element is in the DOM and visible. API and portal: lumo-sandbox on loopback (no network latency, no compression: bytes'
      + ' below are computed from the files).',
    '',
    '| metric | median | spread | target | note |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    ...(floor ? renderFloor(sizes, floor) : []),
    '',
  ].join('\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
