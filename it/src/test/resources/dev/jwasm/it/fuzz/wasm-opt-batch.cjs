'use strict';
// Runs binaryen's wasm-opt (an Emscripten build shipped by the `binaryen` npm package) once per
// line of a job file, all in one node process: its 10 MB of Wasm is then compiled once rather than
// once per generated module, which is what makes a few hundred modules fit in a test run.
//
// usage: node wasm-opt-batch.cjs PATH/TO/bin/wasm-opt JOBS
// JOBS has one JSON object per line: {"argv": [...wasm-opt arguments], "out": "file"}; the
// tool's stdout and stderr, interleaved, are written to "out".
const fs = require('fs');
const vm = require('vm');
const path = require('path');

const [toolPath, jobFile] = process.argv.slice(2);
const script = new vm.Script(fs.readFileSync(toolPath, 'utf8').replace(/^#!.*\n/, ''), { filename: toolPath });
let compiled = null;
// Emscripten ends main by throwing its ExitStatus; that is not an error here. Anything else thrown
// outside the synchronous part of a run (e.g. the tool overflowing node's stack) ends that job.
let failCurrent = () => {};
const onError = e => { if (!String(e).includes('ExitStatus')) failCurrent(e); };
process.on('unhandledRejection', onError);
process.on('uncaughtException', onError);

function runOnce(argv) {
  return new Promise(resolve => {
    const out = [];
    let done = false;
    const finish = code => { if (!done) { done = true; resolve({ code, text: out.join('') }); } };
    const capture = s => out.push(s + '\n');
    failCurrent = e => { out.push('[driver error ' + e + ']\n'); finish(-1); };
    const Module = {
      arguments: argv, print: capture, printErr: capture,
      onExit: finish, postRun: [() => finish(0)], onAbort: () => finish(-1),
    };
    if (compiled) {
      Module.instantiateWasm = (imports, ready) => {
        const instance = new WebAssembly.Instance(compiled, imports);
        ready(instance, compiled);
        return instance.exports;
      };
    }
    const wasm = Object.assign(Object.create(WebAssembly), {
      instantiate: async (bytes, imports) => {
        const result = await WebAssembly.instantiate(bytes, imports);
        if (result.module) compiled = result.module;
        return result;
      },
    });
    // With NODERAWFS the tool writes fds 1 and 2 through fs.writeSync: capture those.
    const captureFs = Object.assign({}, fs, {
      writeSync: (fd, buf, offset, length, position) => {
        if (fd !== 1 && fd !== 2) return fs.writeSync(fd, buf, offset, length, position);
        const bytes = typeof buf === 'string' ? Buffer.from(buf)
          : Buffer.from(buf.buffer, buf.byteOffset + (offset || 0),
              length === undefined ? buf.byteLength - (offset || 0) : length);
        out.push(bytes.toString('utf8'));
        return bytes.length;
      },
    });
    // The tool sets process.exitCode on failure: keep that on this job, not on the driver.
    const fakeProcess = Object.create(process, { exitCode: { value: 0, writable: true } });
    fakeProcess.exit = code => { finish(code); throw new Error('ExitStatus ' + code); };
    const sandbox = {
      Module, process: fakeProcess, Buffer, console, WebAssembly: wasm,
      require: name => (name === 'fs' || name === 'node:fs') ? captureFs : require(name),
      __filename: toolPath, __dirname: path.dirname(toolPath),
      setTimeout, clearTimeout, setImmediate, TextDecoder, TextEncoder, URL, performance,
      crypto: globalThis.crypto,
    };
    sandbox.globalThis = sandbox;
    try {
      script.runInNewContext(sandbox);
    } catch (e) {
      onError(e);
    }
  });
}

(async () => {
  for (const line of fs.readFileSync(jobFile, 'utf8').split('\n')) {
    if (line.length === 0) continue;
    const job = JSON.parse(line);
    const { code, text } = await runOnce(job.argv);
    fs.writeFileSync(job.out, text);
  }
  process.exit(0);
})();
