// A node:test reporter for `node scripts/test.mjs --durations`: the time each test file's tests took
// (the sum of its top-level tests and suites; loading the file comes on top), slowest first, as
// "ms<TAB>file" lines. Where a suite's time goes; scripts/test.mjs prints the slowest.
export default async function* durations(source) {
  const perFile = new Map()
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      perFile.set(event.data.file, (perFile.get(event.data.file) ?? 0) + (event.data.details?.duration_ms ?? 0))
    }
  }
  for (const [file, ms] of [...perFile].sort((a, b) => b[1] - a[1])) yield `${Math.round(ms)}\t${file}\n`
}
