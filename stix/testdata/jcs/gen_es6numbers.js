// Writes "<IEEE 754 hex> <ECMAScript String(x)>" lines for es6numbers.txt; seeded, reproducible.
// Run: node gen_es6numbers.js (the header lines of es6numbers.txt are written by hand).
let s = 0x9e3779b97f4a7c15n;
function next64() { // xorshift64*
  s ^= s >> 12n; s ^= (s << 25n) & 0xffffffffffffffffn; s ^= s >> 27n;
  return (s * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn;
}
const buf = Buffer.alloc(8);
const out = [];
function add(f) {
  if (!Number.isFinite(f)) return;
  buf.writeDoubleBE(f, 0);
  out.push(buf.toString("hex") + " " + JSON.stringify(f));
}
for (let i = 0; i < 1500; i++) { buf.writeBigUInt64BE(next64(), 0); add(buf.readDoubleBE(0)); }
for (let i = 0; i < 500; i++) { const m = Number(next64() % 1000000n); const e = Number(next64() % 60n) - 30; add(m * Math.pow(10, e)); add(-m / Math.pow(10, Number(next64() % 25n))); }
for (let e = -330; e <= 310; e++) { add(Number("1e" + e)); add(Number("9.999999999999999e" + e)); add(Number("5e" + e)); }
for (const x of [1e21, 1e21 - 65536, 999999999999999900000, 1e-6, 9.999999999999999e-7, 1.0000000000000002e-6, 5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER, 2 ** 53, 2 ** 53 + 2, 2 ** 64, 0.1, 0.2, 0.30000000000000004, 123456789012345680000]) { add(x); add(-x); }
process.stdout.write(out.join("\n") + "\n");
