// Drives the page in headless Chromium (Debian's /usr/bin/chromium, or $CHROMIUM; no browser is downloaded): loads the
// model into the page, classifies every PNG of a folder there, and prints one JSON line per picture:
//   {"file":"mnist-test-000.png","top":[{"index":7,"name":"7","probability":0.99},...]}
// With --draw it then draws a stroke on the pad as a user would and prints what the page lists: {"drawn":[...]}.
//   node test/classify-pictures.mjs --model cnn.onnx --pictures dir [--top 3] [--draw] [--screenshot page.png]
import { readdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';

const { values } = parseArgs({
  options: {
    model: { type: 'string' }, pictures: { type: 'string' }, top: { type: 'string', default: '3' },
    draw: { type: 'boolean', default: false }, screenshot: { type: 'string' },
  },
});
if (!values.model || !values.pictures) {
  console.error('usage: node test/classify-pictures.mjs --model FILE.onnx --pictures FOLDER [--top 3] [--draw] [--screenshot FILE.png]');
  process.exit(2);
}

const { server, url } = await serve({ model: values.model, pictures: values.pictures, port: 0 });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true });
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(url);
  await page.evaluate(() => window.vit); // the model is loaded (or the page's error is thrown here)

  const files = (await readdir(values.pictures)).filter((f) => f.endsWith('.png')).sort();
  for (const file of files) {
    const top = await page.evaluate(([f, k]) => window.vit.then((vit) => vit.classifyUrl(`pictures/${encodeURIComponent(f)}`, k)), [file, Number(values.top)]);
    console.log(JSON.stringify({ file, top }));
  }

  if (values.draw) {
    // A "1": one vertical stroke down the middle of the pad.
    const pad = await page.locator('#pad').boundingBox();
    await page.mouse.move(pad.x + pad.width / 2, pad.y + pad.height * 0.15);
    await page.mouse.down();
    for (let step = 1; step <= 20; step++) await page.mouse.move(pad.x + pad.width / 2 + step * 0.5, pad.y + pad.height * (0.15 + 0.035 * step));
    await page.mouse.up();
    await page.waitForFunction(() => document.querySelectorAll('#top li').length === 3);
    console.log(JSON.stringify({ drawn: await page.evaluate(() => window.vit.then((vit) => vit.shown())) }));
  }
  if (values.screenshot) await page.screenshot({ path: values.screenshot });
} finally {
  await browser.close();
  server.close();
}
