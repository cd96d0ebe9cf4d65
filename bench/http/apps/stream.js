// A streamed 10 MiB response (160 chunks of 64 KiB from a ReadableStream),
// as a Workers / `deno serve` / Bun module.
const chunk = new Uint8Array(64 * 1024).fill(120);
export default {
  fetch() {
    let left = 160;
    const body = new ReadableStream({
      pull(controller) {
        controller.enqueue(chunk.slice());
        if (--left === 0) controller.close();
      },
    });
    return new Response(body, { headers: { "content-type": "application/octet-stream" } });
  },
};
