// Check xAPI statements, one JSON object per line on standard input, with Learning
// Locker's validator (@learninglocker/xapi-validation, installed in this folder by
// `npm ci`). Prints one line per statement with a problem; exits 1 if any has one.
'use strict';
const validate = require('@learninglocker/xapi-validation').default;
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter((l) => l.trim());
let bad = 0;
lines.forEach((line, i) => {
  const errors = validate(JSON.parse(line));
  if (errors.length > 0) {
    bad++;
    const list = errors.map((e) => `${e.path.join('.')}: ${e.name}`);
    console.log(`statement ${i + 1}: ${list.join('; ')}`);
  }
});
console.log(`${lines.length} statements, ${bad} with problems`);
process.exit(bad > 0 || lines.length === 0 ? 1 : 0);
