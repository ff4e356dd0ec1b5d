#!/usr/bin/env node
// A tiny preview server for the dashboard page, for visual checks without the ASP.NET Core host (no dependencies).
// Serves src/AidDao.Dashboard/wwwroot and answers GET /api/overview from scripts/dashboard-fixture.json, with the
// fixture's times moved so they are relative to now. A few other endpoints give canned answers, and /hubs/dashboard
// speaks just enough SignalR (JSON protocol over long polling) for the live view: 'update' pushes and CatchUp.
//
// Usage: node scripts/dashboard-preview.js [port] [--steward]
//   default port 5180; build the bundle first: node scripts/build-dashboard.js. With --steward, /api/session answers
//   as a signed-in steward (0xf39F…2266) and request details are served (request 14's match its hash, others do not).
//   The page asks for the session only after a sign-in in this browser (localStorage aiddao.signedIn = '1').
// Preview controls: POST /preview/push?count=N adds N new events and pushes them; POST /preview/rollback pushes a
// roll-back update.
'use strict';

const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const root = path.resolve(__dirname, '..');
const wwwroot = path.join(root, 'src', 'AidDao.Dashboard', 'wwwroot');
const fixturePath = path.join(__dirname, 'dashboard-fixture.json');
const args = process.argv.slice(2);
const port = Number(args.find((a) => /^\d+$/.test(a)) || process.env.PORT || 5180);
const steward = args.includes('--steward');
const STEWARD = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const DETAILS = { 14: 'Family of four, the fridge broke and the food for the week spoiled. Needs groceries by Friday.' };
const RS = '\u001e';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon' };
const TIME_KEYS = new Set(['time', 'createdAt', 'expiresAt', 'emergencyEndsAt', 'applicationsStart', 'applicationsEnd', 'vettingEnd', 'votingEnd', 'finalizeFrom', 'claimDeadline']);

/** The fixture with every time shifted by (now - _fixtureNow). */
function loadOverview() {
  const fixture = JSON.parse(fs.readFileSync(fixturePath, 'utf8'));
  const shift = Math.floor(Date.now() / 1000) - (fixture._fixtureNow || Math.floor(Date.now() / 1000));
  delete fixture._fixtureNow;
  const walk = (x) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if (TIME_KEYS.has(k) && typeof v === 'number') x[k] = v + shift;
        else walk(v);
      }
    }
  };
  walk(fixture);
  return fixture;
}

const state = loadOverview();
const seenDetails = new Set();

function json(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function overview() {
  return { ...state, activity: state.activity.slice(-50) };
}

function after(block, logIndex) {
  return state.activity.filter((e) => e.block > block || (e.block === block && e.logIndex > logIndex)).slice(0, 1000);
}

// ---- minimal SignalR (JSON protocol, long polling)
const connections = new Map();

function deliver(conn) {
  if (!conn.poll) return;
  if (conn.closed) {
    conn.poll.writeHead(204).end();
  } else if (conn.queue.length) {
    conn.poll.writeHead(200, { 'Content-Type': 'text/plain' }).end(conn.queue.join(''));
    conn.queue = [];
  } else return;
  clearTimeout(conn.timer);
  conn.poll = null;
}

function sendTo(conn, message) {
  conn.queue.push(JSON.stringify(message) + RS);
  deliver(conn);
}

function broadcast(update) {
  for (const conn of connections.values()) if (conn.handshaken && !conn.closed) sendTo(conn, { type: 1, target: 'update', arguments: [update] });
}

function update(events, rolledBack = false) {
  return { chainId: state.chain.chainId, cursor: state.cursor, fromBlock: events[0]?.block ?? state.cursor.block, rolledBack, events, community: null, pools: [], rounds: [] };
}

async function hub(req, res, url) {
  if (url.pathname === '/hubs/dashboard/negotiate' && req.method === 'POST') {
    const token = crypto.randomBytes(12).toString('hex');
    connections.set(token, { queue: [], poll: null, timer: null, handshaken: false, closed: false, polled: false });
    return json(res, 200, { connectionId: token, connectionToken: token, negotiateVersion: 1, availableTransports: [{ transport: 'LongPolling', transferFormats: ['Text'] }] });
  }
  const conn = connections.get(url.searchParams.get('id'));
  if (!conn) return json(res, 404, { error: 'No such connection.' });
  if (req.method === 'GET') {
    if (!conn.polled) {
      conn.polled = true;
      return res.writeHead(200, { 'Content-Type': 'text/plain' }).end('');
    }
    conn.poll = res;
    conn.timer = setTimeout(() => sendTo(conn, { type: 6 }), 10000);
    req.on('close', () => {
      if (conn.poll === res) conn.poll = null;
    });
    return deliver(conn);
  }
  if (req.method === 'DELETE') {
    conn.closed = true;
    deliver(conn);
    connections.delete(url.searchParams.get('id'));
    return res.writeHead(202).end();
  }
  if (req.method === 'POST') {
    const body = await readBody(req);
    res.writeHead(200).end('');
    for (const part of body.split(RS).filter(Boolean)) {
      const message = JSON.parse(part);
      if (!conn.handshaken) {
        conn.handshaken = true;
        sendTo(conn, {});
      } else if (message.type === 1 && message.target === 'CatchUp') {
        const [block, logIndex] = message.arguments;
        const result = { ...update(after(Number(block), Number(logIndex))), community: state.community, pools: state.pools, rounds: state.rounds };
        sendTo(conn, { type: 3, invocationId: message.invocationId, result });
      } else if (message.type === 1 && message.invocationId) {
        sendTo(conn, { type: 3, invocationId: message.invocationId, error: `Unknown hub method ${message.target}` });
      } else if (message.type === 7) {
        conn.closed = true;
        deliver(conn);
      }
    }
  }
  return undefined;
}

// ---- preview controls
function push(count) {
  const added = [];
  for (let i = 0; i < count; i++) {
    const last = state.activity[state.activity.length - 1];
    const block = Math.max(last?.block ?? 0, state.cursor.block) + 1;
    const e = {
      id: `${block}:0`, block, logIndex: 0, tx: `0x${crypto.randomBytes(32).toString('hex')}`, contract: state.pools[0]?.address,
      contractKind: 'pool', name: 'Deposited', time: Math.floor(Date.now() / 1000), summary: `0x70997970… gave 0.0${i + 1} ETH to ${state.pools[0]?.name ?? 'the pool'}`,
    };
    state.activity.push(e);
    state.cursor = { ...state.cursor, block, events: state.cursor.events + 1 };
    added.push(e);
  }
  return added;
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  try {
    if (url.pathname.startsWith('/hubs/dashboard')) return await hub(req, res, url);
    if (url.pathname === '/api/overview') return json(res, 200, overview());
    if (url.pathname === '/api/session') {
      return steward
        ? json(res, 200, { address: STEWARD, steward: true, expiresAt: new Date(Date.now() + 3600e3).toISOString() })
        : json(res, 401, { error: 'Not signed in.' });
    }
    if (url.pathname === '/api/siwe/nonce') {
      const now = new Date();
      return json(res, 200, { nonce: crypto.randomBytes(8).toString('hex'), domain: req.headers.host || `127.0.0.1:${port}`, uri: `http://${req.headers.host || `127.0.0.1:${port}`}`, chainId: state.chain.chainId, issuedAt: now.toISOString(), expirationTime: new Date(now.getTime() + 3600e3).toISOString(), statement: 'Sign in as a steward of Eastside Food Bank.' });
    }
    if (url.pathname === '/api/siwe/verify') return json(res, 401, { error: 'The preview server does not verify signatures.' });
    if (url.pathname === '/api/revert') {
      const { data } = JSON.parse((await readBody(req)) || '{}');
      return json(res, 200, { error: null, message: `The preview server cannot decode ${String(data).slice(0, 10)}.` });
    }
    const details = /^\/api\/pools\/([^/]+)\/requests\/([^/]+)\/details$/.exec(url.pathname);
    if (details && req.method === 'POST') {
      // Like a server whose indexer is a moment behind: the first POST for a request is 404, the next one is accepted.
      const key = `${details[1]}:${details[2]}`;
      if (!seenDetails.has(key)) {
        seenDetails.add(key);
        return json(res, 404, { error: `Request ${details[2]} is not indexed yet.` });
      }
      return json(res, 201, {});
    }
    if (details && req.method === 'GET') {
      if (!steward) return json(res, 401, { error: 'Sign in as a steward to read request details.' });
      const text = DETAILS[details[2]] ?? `Rent for December, landlord asked for it by the 5th (request ${details[2]}).`;
      return json(res, 200, { details: text, detailsHash: null });
    }
    const estimate = /^\/api\/rounds\/([^/]+)\/estimate$/.exec(url.pathname);
    if (estimate) {
      const amount = Number(BigInt(url.searchParams.get('amount') || '0') / 10n ** 12n) / 1e6;
      return json(res, 200, { projectId: url.searchParams.get('project'), amount: url.searchParams.get('amount'), counts: true, isMember: true, currentMatch: '0', estimatedMatch: '0', change: '0', text: `Your ${amount} to this project adds about ${(amount * 4.2).toFixed(2)} of matching.` });
    }
    if (url.pathname === '/preview/push' && req.method === 'POST') {
      const added = push(Math.max(1, Math.min(2000, Number(url.searchParams.get('count') || 1))));
      broadcast(update(added));
      return json(res, 200, { pushed: added.map((e) => e.id) });
    }
    if (url.pathname === '/preview/rollback' && req.method === 'POST') {
      broadcast(update([], true));
      return json(res, 200, { rolledBack: true });
    }
    if (url.pathname.startsWith('/api/')) return json(res, 404, { error: `The preview server does not answer ${url.pathname}.` });
    const file = path.normalize(path.join(wwwroot, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname)));
    if (!file.startsWith(wwwroot + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return json(res, 404, { error: 'Not found.' });
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
    return fs.createReadStream(file).pipe(res);
  } catch (err) {
    return json(res, 500, { error: err.message });
  }
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`dashboard preview: http://127.0.0.1:${port}/ (fixture ${path.relative(root, fixturePath)})\n`);
});
