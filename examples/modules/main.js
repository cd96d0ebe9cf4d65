// Relative imports between files, a JSON import, and an import cycle.
import { describe } from "./lib/describe.js";
import pkg from "./package.json" assert { type: "json" };
import { isEven } from "./lib/even.js";

console.log(describe(pkg));
console.log("10 is even:", isEven(10), "| 7 is even:", isEven(7));
console.table([{ name: pkg.name, version: pkg.version }]);
