#!/usr/bin/env node
// Bundles the dashboard page: src/AidDao.Dashboard/ClientApp/main.js → src/AidDao.Dashboard/wwwroot/app.js (+ .map).
// Usage: node scripts/build-dashboard.js
// Exits non-zero with a one-line error when the build fails; prints the bundle size when it succeeds.
'use strict';

const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..');
const entry = path.join(root, 'src', 'AidDao.Dashboard', 'ClientApp', 'main.js');
const outfile = path.join(root, 'src', 'AidDao.Dashboard', 'wwwroot', 'app.js');
// The page never resolves ENS names (it only passes checked 0x addresses), so ethers' ENS normaliser is replaced by
// a small stub: 36 KB less to download on a phone.
const ensStub = path.join(root, 'src', 'AidDao.Dashboard', 'ClientApp', 'ens-stub.js');

function fail(message) {
  process.stderr.write(`build-dashboard: ${String(message).split('\n')[0]}\n`);
  process.exit(1);
}

async function main() {
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    fail('esbuild is not installed: run `npm ci` in the repository root first.');
  }
  let result;
  try {
    result = await esbuild.build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      minify: true,
      sourcemap: true,
      target: 'es2020',
      platform: 'browser',
      format: 'esm',
      legalComments: 'none',
      logLevel: 'silent',
      alias: { '@adraffy/ens-normalize': ensStub },
    });
  } catch (err) {
    const first = err && Array.isArray(err.errors) && err.errors[0];
    if (first) {
      const where = first.location ? `${first.location.file}:${first.location.line}:${first.location.column}: ` : '';
      fail(`${where}${first.text}${err.errors.length > 1 ? ` (and ${err.errors.length - 1} more errors)` : ''}`);
    }
    fail(err && err.message ? err.message : err);
  }
  for (const warning of result.warnings) {
    process.stderr.write(`build-dashboard: warning: ${warning.text}\n`);
  }
  const bytes = fs.statSync(outfile).size;
  process.stdout.write(`build-dashboard: ${path.relative(root, outfile)} ${(bytes / 1024).toFixed(1)} KB minified\n`);
}

main().catch((err) => fail(err && err.message ? err.message : err));
