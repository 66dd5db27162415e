// A static server for the page on this machine: the page and its packages from this folder, the model at /model.onnx
// (the file --model names), and optionally a folder of pictures at /pictures/ (for the test).
//   node serve.mjs --model ../out/cnn/cnn.onnx [--port 8080]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = fileURLToPath(new URL('.', import.meta.url));
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.map': 'application/json', '.wasm': 'application/wasm', '.onnx': 'application/octet-stream',
  '.png': 'image/png', '.jpg': 'image/jpeg',
};

/** The file a request path names, or null when it lies outside the folders served. */
function fileFor(path, { model, pictures }) {
  if (path === '/model.onnx') return model;
  const [folder, rest] = pictures && path.startsWith('/pictures/') ? [pictures, path.slice('/pictures/'.length)] : [here, path.slice(1) || 'index.html'];
  const file = resolve(folder, decodeURIComponent(rest));
  return file.startsWith(resolve(folder) + sep) ? file : null;
}

/** Starts serving on host:port (0 picks a free port); resolves to the server and its address. */
export function serve({ model = join(here, 'model.onnx'), pictures = null, port = 8080, host = '127.0.0.1' } = {}) {
  const server = createServer(async (request, response) => {
    const file = fileFor(new URL(request.url, 'http://localhost').pathname, { model: resolve(model), pictures: pictures && resolve(pictures) });
    try {
      if (!file) throw Object.assign(new Error('outside the served folders'), { code: 'ENOENT' });
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch (error) {
      response.writeHead(error.code === 'ENOENT' || error.code === 'EISDIR' ? 404 : 500, { 'Content-Type': 'text/plain' });
      response.end(`${request.url}: ${error.code ?? error.message}`);
    }
  });
  return new Promise((done) => server.listen(port, host, () => done({ server, url: `http://${host}:${server.address().port}/` })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { model: { type: 'string' }, port: { type: 'string', default: '8080' }, host: { type: 'string', default: '127.0.0.1' } } });
  const { url } = await serve({ model: values.model, port: Number(values.port), host: values.host });
  console.log(`Serving the page at ${url} with the model ${resolve(values.model ?? join(here, 'model.onnx'))}; Ctrl+C stops.`);
}
