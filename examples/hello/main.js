// nanod run examples/hello/main.js
console.log("hello from NANO", { runtime: "V8 isolate", snapshot: true });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
await sleep(10);
console.info("10 ms later, after a top-level await");

let ticks = 0;
const id = setInterval(() => {
  ticks++;
  if (ticks === 3) {
    clearInterval(id);
    console.log("interval ticked", ticks, "times");
  }
}, 5);
