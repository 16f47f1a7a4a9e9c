// Prints "N passed, M failed" over the unit (Vitest) and e2e (Playwright) reports, counting a
// failed stage without a report (typecheck, lint, format, build, or a crashed runner) as one
// failure, so a broken run can never print "0 failed".
import { existsSync, readFileSync } from 'node:fs';

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);
const stages = existsSync('test-results/stages.txt')
  ? readFileSync('test-results/stages.txt', 'utf8').trim().split('\n').filter(Boolean)
  : [];
const failedStages = new Set(
  stages.filter((l) => l.endsWith(' failed')).map((l) => l.split(' ')[0]),
);

let passed = 0;
let failed = 0;
const unit = read('test-results/unit.json');
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
}
const e2e = read('test-results/e2e.json');
if (e2e) {
  passed += e2e.stats.expected;
  failed += e2e.stats.unexpected + e2e.stats.flaky;
}
for (const stage of failedStages) {
  const reported =
    (stage === 'unit' && unit?.numFailedTests > 0) ||
    (stage === 'e2e' && e2e?.stats.unexpected > 0);
  if (!reported) failed += 1;
}
if (!stages.includes('e2e ok') && !failedStages.has('e2e')) failed += 1; // e2e never ran
console.log(`${passed} passed, ${failed} failed`);
