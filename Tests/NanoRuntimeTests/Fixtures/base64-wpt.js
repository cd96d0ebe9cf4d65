// WPT fetch/data-urls/resources/base64.json, run through atob():
// [input, bytes] decodes to those bytes (as a binary string); [input, null]
// throws an InvalidCharacterError DOMException.
import cases from "./base64.json";

let passed = 0, failed = 0;
for (const [input, expected] of cases) {
  let ok;
  try {
    const out = atob(input);
    ok = expected !== null && out.length === expected.length && [...out].every((c, i) => c.charCodeAt(0) === expected[i]);
  } catch (e) {
    ok = expected === null && e instanceof DOMException && e.name === "InvalidCharacterError";
  }
  if (ok) passed++;
  else {
    failed++;
    console.log("not ok atob(" + JSON.stringify(input) + ")");
  }
}
console.log(passed + " passed, " + failed + " failed");
