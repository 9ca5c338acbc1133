// The reference side of cli-vs-tiktoken.sh: what `lmlab tokenize --tokenizer gpt2` does, with
// tiktoken's WASM build under Node. Lines end at \n only, a final \n starts no line, a last line
// without one counts, invalid UTF-8 is an error; each line's ids are tiktoken's
// encode_ordinary, joined by single spaces, one output line per input line.
// Usage: NODE_PATH=DIR/node_modules node tiktoken-lines.cjs [FILE]   (standard input without FILE)
"use strict";
const fs = require("fs");
const { get_encoding } = require("tiktoken");

const input = fs.readFileSync(process.argv[2] ?? 0);
const encoding = get_encoding("gpt2");
const decoder = new TextDecoder("utf-8", { fatal: true });
const out = fs.openSync("/dev/stdout", "w");
const chunk = [];
let chunkChars = 0;
let start = 0;
let lineNumber = 0;
while (start < input.length) {
  let end = input.indexOf(0x0a, start);
  if (end < 0) {
    end = input.length;
  }
  lineNumber++;
  let text;
  try {
    text = decoder.decode(input.subarray(start, end));
  } catch (e) {
    process.stderr.write(`line ${lineNumber}: not valid UTF-8\n`);
    process.exit(2);
  }
  const row = encoding.encode_ordinary(text).join(" ");
  chunk.push(row);
  chunkChars += row.length + 1;
  if (chunkChars >= 1 << 16) {
    fs.writeSync(out, chunk.join("\n") + "\n");
    chunk.length = 0;
    chunkChars = 0;
  }
  start = end + 1;
}
if (chunk.length > 0) {
  fs.writeSync(out, chunk.join("\n") + "\n");
}
encoding.free();
