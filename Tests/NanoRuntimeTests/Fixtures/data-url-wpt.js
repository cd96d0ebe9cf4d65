// WPT fetch/data-urls/resources/data-urls.json, run through fetch():
// [input, mimeType, bytes] gives a 200 whose Content-Type is the serialized
// MIME type and whose body is those bytes; [input, null] rejects with a
// TypeError (a network error).
import cases from "./data-urls.json";

let passed = 0, failed = 0;
for (const [input, mimeType, bytes] of cases) {
  let ok;
  let got;
  try {
    const response = await fetch(input);
    const body = new Uint8Array(await response.arrayBuffer());
    got = response.headers.get("content-type") + " " + JSON.stringify([...body]);
    ok = mimeType !== null && response.status === 200 && response.headers.get("content-type") === mimeType &&
      body.length === bytes.length && body.every((b, i) => b === bytes[i]);
  } catch (e) {
    got = e.name + ": " + e.message;
    ok = mimeType === null && e instanceof TypeError;
  }
  if (ok) passed++;
  else {
    failed++;
    console.log("not ok fetch(" + JSON.stringify(input) + "): got " + got);
  }
}
console.log(passed + " passed, " + failed + " failed");
