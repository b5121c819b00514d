// What the analyzer needs from the browser, and a plain message when a load fails for want of it.
// The wasm is built with WebAssembly SIMD (fixed-width vectors; see .cargo/config.toml): engines
// without it refuse to compile the module with an opaque "invalid opcode" error.

// The smallest module that uses a SIMD instruction (the probe wasm-feature-detect uses).
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** Whether this engine can run the analyzer's wasm (WebAssembly with SIMD). */
export function wasmSupported() {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/** The message for a failure to load the analyzer: names the missing feature when that is the cause. */
export function loadErrorMessage(e) {
  if (typeof WebAssembly !== 'object') {
    return 'Could not load the analyzer: this browser does not run WebAssembly (or it is switched off).';
  }
  if (!wasmSupported()) {
    return (
      'Could not load the analyzer: this browser lacks WebAssembly SIMD ' +
      '(Chrome or Edge 91+, Firefox 89+, Safari 16.4+ have it). Please update the browser.'
    );
  }
  return `Could not load the analyzer: ${(e && e.message) || e}`;
}
