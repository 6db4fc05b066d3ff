// The native reference for bench/: runs the same ../shared/bench programs on Node.js (V8) through
// node:wasi, each operation = instantiate + _start with output discarded, the sightglass kernels
// timed between bench.start and bench.end, like dev.jwasm.bench.programs.ProgramBenchmark.
// Usage: node bench/native.mjs --root DIR [--warmup N] [--iterations N] [--jsonl FILE] PROGRAM...
// --jsonl appends one JSON line per program, in the shape of a JMH JSON result, for bench/report.py.
import { WASI } from 'node:wasi';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const options = { root: null, warmup: 2, iterations: 5, jsonl: null, programs: [] };
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i];
  if (arg === '--root') options.root = process.argv[++i];
  else if (arg === '--warmup') options.warmup = Number(process.argv[++i]);
  else if (arg === '--iterations') options.iterations = Number(process.argv[++i]);
  else if (arg === '--jsonl') options.jsonl = process.argv[++i];
  else if (arg.startsWith('--')) { console.error(`native.mjs: unknown option ${arg}`); process.exit(2); }
  else options.programs.push(arg);
}
if (!options.root || options.programs.length === 0) {
  console.error('usage: node native.mjs --root DIR [--warmup N] [--iterations N] [--jsonl FILE] PROGRAM...');
  process.exit(2);
}

// The same name -> file mapping as BenchPrograms.file in the Java suite.
function file(name) {
  if (name.startsWith('sightglass/')) return path.join(options.root, name, 'benchmark.wasm');
  if (name.endsWith('.wasm')) return path.isAbsolute(name) ? name : path.join(options.root, name);
  return path.join(options.root, 'shootout', `${name}.wasm`);
}

const devNull = fs.openSync('/dev/null', 'w');
const runtime = `node-${process.version}`;

function runOnce(module, clock) {
  const wasi = new WASI({ version: 'preview1', args: ['benchmark'], env: {}, stdout: devNull, stderr: devNull, returnOnExit: true });
  const imports = { wasi_snapshot_preview1: wasi.wasiImport };
  if (WebAssembly.Module.imports(module).some((i) => i.module === 'bench')) {
    imports.bench = {
      start: () => { clock.startedAt = process.hrtime.bigint(); },
      end: () => {
        if (clock.startedAt !== null) {
          clock.totalNs += process.hrtime.bigint() - clock.startedAt;
          clock.regions++;
          clock.startedAt = null;
        }
      },
    };
  }
  const instance = new WebAssembly.Instance(module, imports);
  return wasi.start(instance);
}

for (const name of options.programs) {
  if (name.endsWith('.wat')) {
    console.log(`jwasm-bench: not measured: ${runtime} ${name}: native.sh runs binaries only (Node has no .wat assembler)`);
    continue;
  }
  const module = new WebAssembly.Module(fs.readFileSync(file(name))); // compiling is not measured
  const clock = { startedAt: null, totalNs: 0n, regions: 0 };
  for (let i = 0; i < options.warmup; i++) runOnce(module, clock);
  clock.totalNs = 0n;
  clock.regions = 0;
  const times = [];
  for (let i = 0; i < options.iterations; i++) {
    const t0 = process.hrtime.bigint();
    runOnce(module, clock);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const kernel = clock.regions > 0 ? Number(clock.totalNs) / 1e6 / clock.regions : null;
  console.log(`native.run  ${name.padEnd(22)} ${runtime}  avgt  ${String(times.length).padStart(3)}  ${mean.toFixed(3).padStart(12)}  ms/op`
    + (kernel === null ? '' : `   kernel ${kernel.toFixed(3)} ms/op`));
  const result = {
    benchmark: 'native.run',
    mode: 'avgt',
    params: { program: name, runtime },
    primaryMetric: { score: mean, scoreUnit: 'ms/op', rawData: [times] },
    secondaryMetrics: clock.regions > 0
      ? { kernelNs: { score: Number(clock.totalNs), scoreUnit: '#' }, kernelOps: { score: clock.regions, scoreUnit: '#' } }
      : {},
  };
  if (options.jsonl) fs.appendFileSync(options.jsonl, JSON.stringify(result) + '\n');
}
