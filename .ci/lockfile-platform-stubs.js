#!/usr/bin/env node
// The registry mirror this team installs from lacks unrs-resolver's non-Linux bindings (404), so
// `npm install` leaves them out of package-lock.json and `npm ci` then refuses the lockfile as out of
// sync. Listing them with their os/cpu lets `npm ci` skip them as it would on any registry.
// Run after any `npm install` that rewrites the lockfile: node .ci/lockfile-platform-stubs.js
const fs = require('fs');
const path = require('path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const parent = lock.packages['node_modules/unrs-resolver'];
if (!parent) process.exit(0);

const platformOf = (suffix) => {
  const [os, cpu] = suffix.split('-');
  return { os, cpu: cpu === 'arm' ? 'arm' : cpu };
};
let added = 0;
for (const [name, version] of Object.entries(parent.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const { os, cpu } = platformOf(name.replace('@unrs/resolver-binding-', ''));
  lock.packages[key] = { version, cpu: [cpu], dev: true, license: 'MIT', optional: true, os: [os] };
  added++;
}
const entries = Object.entries(lock.packages);
lock.packages = Object.fromEntries(
  entries.sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`lockfile: ${added} platform binding(s) listed`);
